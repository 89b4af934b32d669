using Bot.Channels.DirectLine;
using Bot.Privacy;
using Bot.Uploads;
using Dialogs.FaultReports;

namespace Bot.FaultReports;

/// <summary>
/// A report's photo as others see it: a fresh signed link to the bot's own upload, or nothing. An address
/// that is not one of our uploads (from before this check, or typed into an attachment) is never passed on.
/// </summary>
internal sealed class FaultReportPhotoLinks(UploadLinks links, UploadOptions uploads, PrivacyOptions privacy, IConfiguration configuration)
{
    /// <summary>For the guide API and console: valid for <c>Uploads:LinkHours</c>, on the address the guide uses.</summary>
    public string? ForGuide(FaultReport report, HttpRequest request) =>
        links.Refresh(report.PhotoUrl, DirectLineEndpoints.ServiceUrl(request), uploads.LinkLifetime);

    /// <summary>
    /// For the city's case system (export, webhook): valid as long as the photo is kept. Absolute, on the
    /// request's address, else <c>Bot:PublicUrl</c>, else the address it was uploaded on; null when none is known.
    /// </summary>
    public string? ForCaseSystem(FaultReport report, HttpRequest? request)
    {
        var baseUrl = request is not null ? DirectLineEndpoints.ServiceUrl(request) : PublicUrl(configuration);
        var url = links.Refresh(report.PhotoUrl, baseUrl, TimeSpan.FromDays(privacy.RetentionDays));
        return url is not null && Uri.TryCreate(url, UriKind.Absolute, out _) ? url : null;
    }

    /// <summary><c>Bot:PublicUrl</c> with a trailing slash, or null.</summary>
    public static string? PublicUrl(IConfiguration configuration) =>
        configuration["Bot:PublicUrl"] is { Length: > 0 } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/"
            : null;
}
