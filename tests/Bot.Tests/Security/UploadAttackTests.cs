using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bot.Security;
using Bot.Uploads;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Security;

/// <summary>
/// Issue 12 §1: an SVG or script uploaded by a resident must never run in the bot's origin. Uploads are
/// typed by their content and served from /uploads with headers that keep any content inert.
/// </summary>
[Collection(ResidentAttacks.Name)]
public sealed class UploadAttackTests(ResidentBot bot)
{
    private BotApplication _app => bot.App;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("skada.svg", "image/svg+xml")]
    [InlineData("skada.png", "image/png")]
    [InlineData("payload.js", "text/javascript")]
    [InlineData("sida.html", "text/html")]
    public async Task ScriptsAndSvg_AreRefused_WhateverTheirNameOrDeclaredType(string fileName, string declaredType)
    {
        var chat = await _app.StartChatAsync();
        var content = fileName.EndsWith(".js", StringComparison.Ordinal) ? "fetch('/api/alerts',{method:'POST'})"u8.ToArray()
            : fileName.EndsWith(".html", StringComparison.Ordinal) ? "<html><script>alert(1)</script></html>"u8.ToArray()
            : TestFiles.Svg;

        var response = await Uploads.SendAsync(chat, (fileName, content, declaredType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("error");
        Assert.Equal("UnsupportedMediaType", error.GetProperty("code").GetString());
        Assert.Contains("JPEG, PNG, HEIC, WebP", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        var (activities, _) = await chat.GetActivitiesAsync();
        Assert.DoesNotContain(activities, a => a.Attachments is { Count: > 0 });
        Assert.False(Directory.Exists(Path.Combine(_app.DataDirectory, "uploads", chat.ConversationId))
            && Directory.EnumerateFiles(Path.Combine(_app.DataDirectory, "uploads", chat.ConversationId)).Any());
    }

    [Fact]
    public async Task Downloads_AreInertEvenForAPolyglot_AndOnlyRasterImagesShowInline()
    {
        var chat = await _app.StartChatAsync();
        // A real PNG header followed by markup: accepted as a PNG, and it must stay one.
        var polyglot = TestFiles.Png.Concat("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"u8.ToArray()).ToArray();

        Assert.Equal(HttpStatusCode.OK, (await Uploads.SendAsync(chat, ("bild.svg", polyglot, "image/svg+xml"))).StatusCode);
        var png = await Uploads.LastLinkAsync(chat);
        Assert.Equal(HttpStatusCode.OK, (await Uploads.SendAsync(chat, ("intyg.pdf", TestFiles.Pdf, "application/pdf"))).StatusCode);
        var pdf = await Uploads.LastLinkAsync(chat);
        var image = await _app.CreateClient().GetAsync(png, Cancel);
        var document = await _app.CreateClient().GetAsync(pdf, Cancel);

        Assert.Contains("/uploads/", png, StringComparison.Ordinal);
        Assert.DoesNotContain("/v3/directline/", png, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline", image.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("application/pdf", document.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", document.Content.Headers.ContentDisposition?.DispositionType);
        foreach (var response in new[] { image, document })
        {
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("sandbox; default-src 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        }
        Assert.EndsWith(".png", new Uri(png).Segments[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadLinks_ExpireAndNameOneFile()
    {
        var chat = await _app.StartChatAsync();
        await Uploads.SendAsync(chat, ("lampa.png", TestFiles.Png, "image/png"));
        var link = new Uri(await Uploads.LastLinkAsync(chat));
        var conversationId = Uri.UnescapeDataString(link.Segments[^2].TrimEnd('/'));
        var fileName = link.Segments[^1];
        var yesterday = new UploadLinks(_app.Services.GetRequiredService<SigningKeys>(), new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-2)));
        var expired = yesterday.Create("/", conversationId, fileName, TimeSpan.FromHours(1));
        var otherFile = link.ToString().Replace(fileName, "0123456789abcdef0123456789abcdef.png", StringComparison.Ordinal);
        var noExpiry = System.Text.RegularExpressions.Regex.Replace(link.ToString(), "exp=\\d+&", "");

        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient().GetAsync(link, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.CreateClient().GetAsync(expired, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.CreateClient().GetAsync(otherFile, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.CreateClient().GetAsync(noExpiry, Cancel)).StatusCode);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query);
        var expiresIn = DateTimeOffset.FromUnixTimeSeconds(long.Parse(query["exp"]!, System.Globalization.CultureInfo.InvariantCulture)) - DateTimeOffset.UtcNow;
        Assert.InRange(expiresIn, TimeSpan.FromHours(23), TimeSpan.FromHours(25));
    }
}
