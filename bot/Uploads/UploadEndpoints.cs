using Bot.Channels.DirectLine;
using Microsoft.Net.Http.Headers;

namespace Bot.Uploads;

/// <summary>
/// Registration of uploads and the download route <c>GET /uploads/{conversationId}/{fileName}?exp=&amp;sig=</c>.
/// Downloads come from their own path with headers that keep any content inert: the type the bytes
/// show, <c>nosniff</c>, a sandboxing CSP, and <c>attachment</c> for everything but JPEG, PNG and WebP.
/// </summary>
internal static class UploadEndpoints
{
    public static IServiceCollection AddUploads(this IServiceCollection services, IConfiguration configuration, Storage.StoreOptions store)
    {
        services.AddSingleton(configuration.GetSection(UploadOptions.SectionName).Get<UploadOptions>() ?? new UploadOptions());
        Storage.StorageServices.AddStore<IUploadStore, FileUploadStore, PostgresUploadStore>(services, store);
        // Links expire by real time, also when Bot:Now fixes the bot's clock for a demo.
        services.AddSingleton(sp => new UploadLinks(sp.GetRequiredService<Security.SigningKeys>(), TimeProvider.System));
        // Quotas count by real time, also when Bot:Now fixes the bot's clock for a demo.
        services.AddSingleton<IUploadQuotaStore>(sp => store.Postgres
            ? new PostgresUploadQuotaStore(sp.GetRequiredService<Storage.Postgres.PostgresDatabase>(), TimeProvider.System)
            : new SqliteUploadQuotaStore(sp.GetRequiredService<Storage.BotDatabase>(), TimeProvider.System));
        services.AddSingleton(sp => new UploadQuota(sp.GetRequiredService<IUploadQuotaStore>(), sp.GetRequiredService<UploadOptions>(),
            sp.GetRequiredService<Privacy.PrivacyOptions>(), sp.GetRequiredService<Security.SigningKeys>(), TimeProvider.System));
        services.AddSingleton<OwnPhotos>();
        services.AddSingleton<Dialogs.FaultReports.IOwnPhotos>(sp => sp.GetRequiredService<OwnPhotos>());
        return services;
    }

    public static IEndpointRouteBuilder MapUploads(this IEndpointRouteBuilder app)
    {
        app.MapGet($"/{UploadLinks.Route}/{{conversationId}}/{{fileName}}", Download).WithName("DownloadUpload");
        return app;
    }

    private static async Task<IResult> Download(
        string conversationId, string fileName, string? exp, string? sig, HttpContext context, UploadLinks links, IUploadStore store, CancellationToken cancellationToken)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (!links.Verify(conversationId, fileName, exp, sig))
        {
            return DirectLineErrors.Json(StatusCodes.Status403Forbidden, "Forbidden", "The link is not valid or has expired.");
        }
        if (await store.FindAsync(conversationId, fileName, cancellationToken) is not { } file)
        {
            return DirectLineErrors.Json(StatusCodes.Status404NotFound, "NotFound", "The file does not exist.");
        }
        headers.CacheControl = "private, max-age=300";
        var disposition = new ContentDispositionHeaderValue(file.Kind.Inline ? "inline" : "attachment");
        disposition.SetHttpFileName(fileName);
        headers.ContentDisposition = disposition.ToString();
        return Results.Stream(await file.OpenAsync(cancellationToken), file.Kind.ContentType, enableRangeProcessing: true);
    }
}
