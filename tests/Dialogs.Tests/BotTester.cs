using System.Text.Json;
using Dialogs.Engine;
using Dialogs.Main;
using Dialogs.Protocol;
using Dialogs.Handoff;
using Knowledge;
using Understanding;

namespace Dialogs.Tests;

/// <summary>Drives the bot turn by turn in memory, like Bot Framework's TestFlow.</summary>
internal sealed class BotTester
{
    private static readonly Lazy<KnowledgeProvider> Knowledge = new(() => KnowledgeProvider.Open(ShippedContent()).Provider!);
    private static readonly Lazy<UnderstandingProvider> Models = new(() =>
        new UnderstandingProvider(Knowledge.Value, Path.Combine(KnowledgeFolder(), "training"), Path.Combine(KnowledgeFolder(), "models"),
            searchText: Dialogs.Dates.DateMentionRecognizer.WithoutDates));
    private readonly CityBot _bot;
    private int _sequence;

    public BotTester(TimeProvider? clock = null, BotOptions? options = null, Dialogs.Learning.ITurnRecorder? recorder = null,
        Dialogs.FaultReports.IFaultReportStore? faultReports = null, Dialogs.Alerts.IAlertSource? alerts = null, IHandoffService? handoff = null)
    {
        _bot = new CityBot(Knowledge.Value, States, clock ?? TimeProvider.System, options ?? new BotOptions { Trace = true }, handoff,
            recorder: recorder, faultReports: faultReports, alerts: alerts, photos: new TestPhotos(), understanding: Models.Value);
    }

    /// <summary>The shipped models with the shipped knowledge and corpus.</summary>
    public static UnderstandingProvider Understanding => Models.Value;

    /// <summary>The host's own uploads in these tests: addresses under <see cref="OwnUploads"/>.</summary>
    public const string OwnUploads = "https://bot.example/uploads/";

    public MemoryConversationStateStore States { get; } = new();

    public string ConversationId { get; } = "test-" + Guid.NewGuid().ToString("N");

    public static KnowledgeProvider Provider => Knowledge.Value;

    public Task<TurnResult> SendAsync(string text, string locale = "sv-SE") =>
        SendAsync(new Activity { Type = ActivityTypes.Message, Text = text, Locale = locale });

    public async Task<TurnResult> SendAsync(Activity activity)
    {
        activity = activity with
        {
            Id = $"{ConversationId}|{++_sequence:D7}",
            ChannelId = "test",
            Conversation = new ConversationAccount { Id = ConversationId },
            From = new ChannelAccount { Id = "resident", Role = RoleTypes.User },
            Recipient = new ChannelAccount { Id = "stadsbot", Role = RoleTypes.Bot },
        };
        var turn = new TurnContext(activity, (_, _) => Task.FromResult($"{ConversationId}|{++_sequence:D7}"));
        await _bot.OnTurnAsync(turn, TestContext.Current.CancellationToken);
        return new TurnResult(turn.Responses);
    }

    private static string ShippedContent() => Path.Combine(KnowledgeFolder(), "content");

    private static string KnowledgeFolder() => Path.GetDirectoryName(FindContent())!;

    private static string FindContent()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "knowledge", "content");
            if (Directory.Exists(Path.Combine(candidate, "entries")))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("knowledge/content");
    }
}

/// <summary>What the bot sent in one turn.</summary>
internal sealed record TurnResult(IReadOnlyList<Activity> Replies)
{
    public IReadOnlyList<Activity> Messages => Replies.Where(r => r.Type == ActivityTypes.Message).ToList();

    public string Text => string.Join("\n", Messages.Select(m => m.Text));

    public IReadOnlyList<string> Buttons => Messages.LastOrDefault()?.SuggestedActions?.Actions.Select(a => a.Title ?? "").ToList() ?? [];

    public BotDecision? Decision => Replies.LastOrDefault(r => r.Type == ActivityTypes.Trace)?.Value?.Deserialize<BotDecision>(ActivityJson.Options);

    public string? Outcome => Decision?.Outcome;
}

/// <summary>Accepts photos under <see cref="BotTester.OwnUploads"/> only, as the host accepts only its own uploads.</summary>
internal sealed class TestPhotos : Dialogs.FaultReports.IOwnPhotos
{
    public Task<string?> AcceptAsync(Attachment attachment, string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult(attachment.ContentUrl?.StartsWith(BotTester.OwnUploads, StringComparison.Ordinal) == true ? attachment.ContentUrl : null);
}
