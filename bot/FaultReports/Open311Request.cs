using System.Globalization;
using System.Text.Json.Serialization;
using Dialogs.FaultReports;

namespace Bot.FaultReports;

/// <summary>
/// A fault report in the shape of an Open311 GeoReport v2 service request (GET requests.json),
/// for the city's case system. <c>detailed_status</c> is our own status (Open311 only knows
/// open/closed); <c>email</c>/<c>phone</c> are the resident's contact details as in a v2 POST.
/// </summary>
internal sealed record Open311Request(
    [property: JsonPropertyName("service_request_id")] string ServiceRequestId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("detailed_status")] string DetailedStatus,
    [property: JsonPropertyName("status_notes")] string? StatusNotes,
    [property: JsonPropertyName("service_name")] string ServiceName,
    [property: JsonPropertyName("service_code")] string ServiceCode,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("agency_responsible")] string AgencyResponsible,
    [property: JsonPropertyName("requested_datetime")] string RequestedDatetime,
    [property: JsonPropertyName("updated_datetime")] string UpdatedDatetime,
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("media_url")] string? MediaUrl,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("phone")] string? Phone,
    [property: JsonPropertyName("channel")] string Channel,
    [property: JsonPropertyName("language")] string Language)
{
    public const string Agency = "Göteborgs Stad";

    /// <param name="mediaUrl">The photo's link for the case system (<see cref="FaultReportPhotoLinks.ForCaseSystem"/>), never the stored address as such.</param>
    public static Open311Request From(FaultReport report, string? mediaUrl)
    {
        var email = report.Contact?.Contains('@', StringComparison.Ordinal) == true ? report.Contact : null;
        return new Open311Request(
            report.Reference,
            FaultReportStatuses.IsClosed(report.Status) ? "closed" : "open",
            report.Status,
            report.StatusComment,
            FaultCategories.ByCode(report.Category).Name.Sv,
            report.Category,
            report.Description,
            Agency,
            Iso(report.CreatedAt),
            Iso(report.UpdatedAt),
            report.Location,
            mediaUrl,
            email,
            email is null ? report.Contact : null,
            report.Channel,
            report.Language);
    }

    private static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
