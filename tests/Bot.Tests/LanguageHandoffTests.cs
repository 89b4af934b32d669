using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests;

/// <summary>
/// The resident's language in the handoff (issue 14): the case records and shows it, guides who speak it
/// (Guides:Accounts:N:Languages) get such cases first, the resident is told when none is available, the
/// handoff's own messages are in the resident's language, and guides get machine translations when
/// Translation:Url points at a LibreTranslate-compatible server.
/// </summary>
public class LanguageHandoffTests
{
    // Tuesday 24 November 2026, 10:00: the contact center is open, and so are the Finnish-speaking guides (sample hours 09–16).
    private const string Morning = "2026-11-24T10:00:00+01:00";

    private static Dictionary<string, string?> Settings(string now, params (string UserName, string[] Languages)[] guides)
    {
        var settings = new Dictionary<string, string?> { ["Bot:Now"] = now };
        for (var i = 0; i < guides.Length; i++)
        {
            settings[$"Guides:Accounts:{i}:UserName"] = guides[i].UserName;
            settings[$"Guides:Accounts:{i}:DisplayName"] = char.ToUpperInvariant(guides[i].UserName[0]) + guides[i].UserName[1..];
            settings[$"Guides:Accounts:{i}:PasswordHash"] = Guides.GuidePasswordHasher.Hash(guides[i].UserName + "-secret");
            settings[$"Guides:Accounts:{i}:Groups:0"] = "Allmänna frågor";
            for (var j = 0; j < guides[i].Languages.Length; j++)
            {
                settings[$"Guides:Accounts:{i}:Languages:{j}"] = guides[i].Languages[j];
            }
        }
        return settings;
    }

    /// <summary>A resident who chose Finnish and asked for a guide with the Finnish button.</summary>
    private static async Task<ResidentChat> FinnishHandoffAsync(BotApplication app)
    {
        var resident = await app.StartChatAsync("fi-FI");
        await resident.PostMessageAsync("Suomi");
        await resident.PostMessageAsync("Puhu palveluohjaajan kanssa");
        return resident;
    }

    [Fact]
    public async Task FinnishResident_NoGuideSpeaksFinnish_IsToldSo_AndTheCaseShowsTheLanguage()
    {
        await using var app = new BotApplication(settings: Settings(Morning, ("bo", [])));
        var guide = await GuideAsync(app, "bo");
        await guide.PostAsJsonAsync("/api/guide/status", new { ready = true }, TestContext.Current.CancellationToken);

        var resident = await FinnishHandoffAsync(app);

        var (activities, _) = await resident.GetActivitiesAsync();
        Assert.Contains(activities, a => a.Text?.Contains("Suomea puhuvaa palveluohjaajaa ei ole juuri nyt vapaana", StringComparison.Ordinal) == true);
        var item = Assert.Single((await guide.GetFromJsonAsync<JsonElement>("/api/guide/cases?status=queued", TestContext.Current.CancellationToken)).EnumerateArray());
        Assert.Equal("fi", item.GetProperty("language").GetString());
        Assert.Equal("finska", item.GetProperty("languageName").GetString());
        Assert.False(item.GetProperty("translationAvailable").GetBoolean());
        var full = await guide.GetFromJsonAsync<JsonElement>($"/api/guide/cases/{item.GetProperty("id").GetString()}", TestContext.Current.CancellationToken);
        Assert.Contains(full.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "no-language-guide");
        Assert.All(full.GetProperty("transcript").EnumerateArray(), t => Assert.Equal(JsonValueKind.Null, t.GetProperty("translation").ValueKind));

        // The guide's greeting is in Finnish too.
        await guide.PostAsync($"/api/guide/cases/{item.GetProperty("id").GetString()}/claim", null, TestContext.Current.CancellationToken);
        var (afterClaim, _) = await resident.GetActivitiesAsync();
        Assert.Contains(afterClaim, a => a.Text == "Hei, olen Bo, Göteborgin kaupungin palveluohjaaja. Olen lukenut keskustelusi chatbotin kanssa.");
    }

    [Fact]
    public async Task FinnishGuideSignedIn_WithinFinnishHours_TakesFinnishCasesFirst()
    {
        await using var app = new BotApplication(settings: Settings(Morning, ("anna", ["fi"]), ("bo", [])));
        var anna = await GuideAsync(app, "anna");
        var bo = await GuideAsync(app, "bo");
        await anna.PostAsJsonAsync("/api/guide/status", new { ready = true }, TestContext.Current.CancellationToken);
        await bo.PostAsJsonAsync("/api/guide/status", new { ready = true }, TestContext.Current.CancellationToken);
        var swedish = await app.StartChatAsync();
        await swedish.PostMessageAsync("Jag vill prata med en människa");

        var finnish = await FinnishHandoffAsync(app);

        var (activities, _) = await finnish.GetActivitiesAsync();
        Assert.DoesNotContain(activities, a => a.Text?.Contains("Suomea puhuvaa palveluohjaajaa", StringComparison.Ordinal) == true);
        var annasQueue = await anna.GetFromJsonAsync<JsonElement>("/api/guide/cases?status=queued", TestContext.Current.CancellationToken);
        var bosQueue = await bo.GetFromJsonAsync<JsonElement>("/api/guide/cases?status=queued", TestContext.Current.CancellationToken);
        Assert.Equal(["fi", "sv"], annasQueue.EnumerateArray().Select(c => c.GetProperty("language").GetString()));
        Assert.Equal(["sv", "fi"], bosQueue.EnumerateArray().Select(c => c.GetProperty("language").GetString()));
        var me = await anna.GetFromJsonAsync<JsonElement>("/api/guide/me", TestContext.Current.CancellationToken);
        Assert.Equal(["fi"], me.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));

        // "Take the next one": Anna gets the Finnish case, Bo the Swedish one, then nothing is left.
        var annasNext = await anna.PostAsync("/api/guide/cases/next", null, TestContext.Current.CancellationToken);
        var bosNext = await bo.PostAsync("/api/guide/cases/next", null, TestContext.Current.CancellationToken);
        var none = await bo.PostAsync("/api/guide/cases/next", null, TestContext.Current.CancellationToken);
        Assert.Equal(finnish.ConversationId, (await annasNext.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("conversationId").GetString());
        Assert.Equal(swedish.ConversationId, (await bosNext.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("conversationId").GetString());
        Assert.Equal(HttpStatusCode.NoContent, none.StatusCode);
    }

    [Fact]
    public async Task FinnishGuideSignedIn_AfterTheFinnishHoursFromTheContent_IsNotAvailable()
    {
        // 16:30: the contact center is open until 17, the Finnish-speaking guides (facilities.yaml) until 16.
        await using var app = new BotApplication(settings: Settings("2026-11-24T16:30:00+01:00", ("anna", ["fi"])));
        var anna = await GuideAsync(app, "anna");
        await anna.PostAsJsonAsync("/api/guide/status", new { ready = true }, TestContext.Current.CancellationToken);

        var resident = await FinnishHandoffAsync(app);

        var (activities, _) = await resident.GetActivitiesAsync();
        Assert.Contains(activities, a => a.Text?.Contains("Suomea puhuvaa palveluohjaajaa ei ole juuri nyt vapaana", StringComparison.Ordinal) == true);
        Assert.Single((await anna.GetFromJsonAsync<JsonElement>("/api/guide/cases?status=queued", TestContext.Current.CancellationToken)).EnumerateArray());
    }

    [Fact]
    public async Task QueuedFinnishCase_NobodyClaims_TheAllBusyMessageIsInFinnish()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        await using var app = new BotApplication(settings: new Dictionary<string, string?> { ["Handoff:QueueTimeoutMinutes"] = "5" }, clock: clock);
        var presence = app.Services.GetRequiredService<Bot.Handoff.IGuidePresence>();
        await presence.ConnectedAsync("demo", "Demo Vägledare", ["Allmänna frågor"]);
        var resident = await FinnishHandoffAsync(app);

        clock.Advance(TimeSpan.FromMinutes(6));
        await app.Services.GetRequiredService<Bot.Handoff.HandoffTimeouts>().RunOnceAsync(TestContext.Current.CancellationToken);

        var (activities, _) = await resident.GetActivitiesAsync();
        Assert.Contains(activities, a => a.Text?.StartsWith("Valitettavasti kaikki palveluohjaajat ovat varattuja.", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(activities, a => a.Text?.Contains("alla vägledare upptagna", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task TranslationUrl_GuidesGetAMachineTranslationOfTheResidentsFinnishMessages()
    {
        await using var translator = await FakeTranslatorAsync();
        const string Text = "Katuvalo on rikki Majornassa, voitteko korjata sen?";

        var item = await CaseWithTranslationUrlAsync(translator.Url, Text);

        Assert.True(item.GetProperty("translationAvailable").GetBoolean());
        var translation = item.GetProperty("transcript").EnumerateArray().Single(t => t.GetProperty("text").GetString() == Text).GetProperty("translation");
        Assert.Equal("[sv] " + Text, translation.GetProperty("text").GetString());
        Assert.Equal("fi", translation.GetProperty("from").GetString());
        Assert.Equal("sv", translation.GetProperty("to").GetString());
        Assert.True(translation.GetProperty("machine").GetBoolean());
        Assert.All(item.GetProperty("transcript").EnumerateArray().Where(t => t.GetProperty("role").GetString() == "bot"),
            t => Assert.Equal(JsonValueKind.Null, t.GetProperty("translation").ValueKind));
        Assert.Contains(translator.Requests, r => r.Q == Text && r.Source == "fi" && r.Target == "sv" && r.Format == "text");
    }

    [Fact]
    public async Task TranslationServerDown_TheCaseIsShownWithoutTranslation()
    {
        // The discard port: nothing answers.
        var item = await CaseWithTranslationUrlAsync("http://127.0.0.1:9", "Katuvalo on rikki");

        Assert.True(item.GetProperty("translationAvailable").GetBoolean());
        var line = item.GetProperty("transcript").EnumerateArray().Single(t => t.GetProperty("text").GetString() == "Katuvalo on rikki");
        Assert.Equal(JsonValueKind.Null, line.GetProperty("translation").ValueKind);
    }

    /// <summary>A Finnish resident's case with <paramref name="text"/> written after the handoff, as the guide API shows it with <c>Translation:Url</c> set.</summary>
    private static async Task<JsonElement> CaseWithTranslationUrlAsync(string url, string text)
    {
        var settings = Settings(Morning, ("bo", []));
        settings["Translation:Url"] = url;
        settings["Translation:TimeoutSeconds"] = "5";
        await using var app = new BotApplication(settings: settings);
        var guide = await GuideAsync(app, "bo");
        await guide.PostAsJsonAsync("/api/guide/status", new { ready = true }, TestContext.Current.CancellationToken);
        var resident = await FinnishHandoffAsync(app);
        var caseId = (await guide.GetFromJsonAsync<JsonElement>("/api/guide/cases?status=queued", TestContext.Current.CancellationToken))[0].GetProperty("id").GetString();
        await resident.PostMessageAsync(text);
        return (await guide.GetFromJsonAsync<JsonElement>($"/api/guide/cases/{caseId}", TestContext.Current.CancellationToken)).Clone();
    }

    [Fact]
    public void GuideAccounts_AnUnknownLanguage_IsAClearConfigurationError()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Guides:Accounts:0:UserName"] = "anna",
            ["Guides:Accounts:0:PasswordHash"] = Guides.GuidePasswordHasher.Hash("anna-secret"),
            ["Guides:Accounts:0:Languages:0"] = "fi",
            ["Guides:Accounts:0:Languages:1"] = "de",
        }).Build();
        var environment = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Production" };

        var error = Assert.Throws<InvalidOperationException>(() => Guides.GuideAccountStore.FromConfiguration(configuration, environment));

        Assert.Contains("Guides:Accounts:0 (anna): Languages lists `de`", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmailReply_SubjectIsInTheResidentsLanguage()
    {
        await using var app = new BotApplication();
        _ = app.CreateClient(); // starts the host, which loads the content and messages.yaml
        var item = new Bot.Handoff.Case
        {
            Id = "K-1", ConversationId = "c", Channel = "directline", UserId = "u", Status = "message", Group = "Allmänna frågor", Language = "fi",
            Summary = new Dialogs.Handoff.CaseSummary("Katuvalo", null, "fi", "directline", "begärde", [], []), CreatedAt = DateTimeOffset.UnixEpoch,
        };

        Assert.Equal("Vastaus Göteborgin kaupungilta – asia K-1", Bot.Email.CaseReplies.Subject(item));
        Assert.Equal("Svar från Göteborgs Stad – ärende K-1", Bot.Email.CaseReplies.Subject(item with { Language = "sv" }));
    }

    private static async Task<HttpClient> GuideAsync(BotApplication app, string userName)
    {
        var client = app.CreateClient();
        var login = await client.PostAsJsonAsync("/api/guide/login", new { userName, password = userName + "-secret" }, TestContext.Current.CancellationToken);
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private sealed record TranslateRequest(string Q, string Source, string Target, string Format);

    /// <summary>A LibreTranslate-compatible server on a free loopback port: "[target] text".</summary>
    private sealed class FakeTranslator(WebApplication app) : IAsyncDisposable
    {
        public System.Collections.Concurrent.ConcurrentQueue<TranslateRequest> Requests { get; } = new();

        public string Url => app.Urls.First();

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }

    private static async Task<FakeTranslator> FakeTranslatorAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeTranslator(app);
        app.MapPost("/translate", (TranslateRequest request) =>
        {
            fake.Requests.Enqueue(request);
            return Results.Json(new { translatedText = $"[{request.Target}] {request.Q}" });
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return fake;
    }
}
