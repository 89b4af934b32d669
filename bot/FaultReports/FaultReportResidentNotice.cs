using System.Globalization;
using Bot.Turns;
using Dialogs.FaultReports;
using Dialogs.Protocol;
using Knowledge;

namespace Bot.FaultReports;

/// <summary>
/// Tells the resident in their chat when a guide changes the status of their report, in the
/// language they reported in. Best effort: the status change is stored whether or not the chat is
/// still reachable (a closed Messenger window, an erased conversation).
/// </summary>
internal sealed partial class FaultReportResidentNotice(ChannelSenders senders, ILogger<FaultReportResidentNotice> logger)
{
    public async Task SendAsync(FaultReport report, CancellationToken cancellationToken)
    {
        if (report.ConversationId.Length == 0)
        {
            return;
        }
        var language = LanguageCodes.FromCode(report.Language);
        var status = FaultReportMessages.StatusNames.TryGetValue(report.Status, out var name) ? name.For(language) : report.Status;
        var text = string.Format(CultureInfo.InvariantCulture, FaultReportMessages.StatusChanged.For(language), report.Reference, status);
        if (!string.IsNullOrWhiteSpace(report.StatusComment))
        {
            text += " " + string.Format(CultureInfo.InvariantCulture, FaultReportMessages.StatusComment.For(language), report.StatusComment);
        }
        var notice = new Activity
        {
            Type = ActivityTypes.Message,
            From = BotIdentity.Account,
            Text = text,
            Locale = language.Locale(),
        };
        try
        {
            await senders.SendAsync(report.Channel, report.ConversationId, notice, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogNotDelivered(logger, exception, report.Reference);
        }
    }

    [LoggerMessage(EventId = 950, Level = LogLevel.Warning, Message = "The status of fault report {Reference} could not be sent to the resident's chat")]
    private static partial void LogNotDelivered(ILogger logger, Exception exception, string reference);
}
