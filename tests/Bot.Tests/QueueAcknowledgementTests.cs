using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dialogs.Protocol;
using static Bot.Tests.CaseFollowUpTests;

namespace Bot.Tests;

/// <summary>
/// A resident in the queue is never left in silence: each message is acknowledged with the place in the
/// queue and the choices "Fortsätt med chattboten" and "Lämna kön"; and what guides do around a case:
/// a transfer with a note to a named guide, the history search, reopening, the supervisor's view, saved replies.
/// </summary>
public class QueueAcknowledgementTests
{
    private static readonly Dictionary<string, string?> OpenHours = new()
    {
        ["Bot:Now"] = "2026-11-24T10:00:00+01:00",
        ["Guides:Accounts:0:UserName"] = "anna",
        ["Guides:Accounts:0:DisplayName"] = "Anna",
        ["Guides:Accounts:0:PasswordHash"] = Guides.GuidePasswordHasher.Hash("anna-secret"),
        ["Guides:Accounts:0:Groups:0"] = "Allmänna frågor",
        ["Guides:Accounts:1:UserName"] = "bo",
        ["Guides:Accounts:1:DisplayName"] = "Bo",
        ["Guides:Accounts:1:PasswordHash"] = Guides.GuidePasswordHasher.Hash("bo-secret"),
        ["Guides:Accounts:1:Groups:0"] = "Allmänna frågor",
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_message_in_the_queue_gets_the_place_and_the_choices_and_leaving_closes_the_case()
    {
        await using var app = new BotApplication(settings: OpenHours);
        var anna = await GuideAsync(app, "anna", "anna-secret");
        await anna.PostAsJsonAsync("/api/guide/status", new { ready = true }, Ct);
        var first = await app.StartChatAsync();
        var second = await app.StartChatAsync();
        await first.PostMessageAsync("Jag vill prata med en människa");
        await second.PostMessageAsync("Jag vill prata med en människa");
        var (_, watermark) = await second.GetActivitiesAsync();

        await second.PostMessageAsync("Det gäller min faktura för hemtjänsten");
        var (acknowledged, watermark2) = await second.GetActivitiesAsync(watermark);
        var reply = Assert.Single(acknowledged, a => a.Type == ActivityTypes.Message && a.From?.Role != "user");
        Assert.Contains("fortfarande nummer 2 i kön", reply.Text, StringComparison.Ordinal);
        Assert.Equal(["Fortsätt med chattboten", "Lämna kön"], reply.SuggestedActions!.Actions.Select(a => a.Title));
        Assert.Contains(acknowledged, a => a.Name == "handoff.status" && a.Value!.Value.GetProperty("state").GetString() == "queued" && a.Value.Value.GetProperty("position").GetInt32() == 2);
        var queued = await anna.GetFromJsonAsync<JsonElement>("/api/guide/cases?status=queued", Ct);
        var secondCase = queued.EnumerateArray().Single(c => c.GetProperty("conversationId").GetString() == second.ConversationId);
        Assert.Contains("faktura", secondCase.GetProperty("summary").GetProperty("title").GetString(), StringComparison.Ordinal);

        // "Fortsätt med chattboten": the bot answers meanwhile and the place is kept.
        await second.PostMessageAsync("Fortsätt med chattboten");
        await second.PostMessageAsync("Hur skaffar jag ett bibliotekskort?");
        var (meanwhile, watermark3) = await second.GetActivitiesAsync(watermark2);
        Assert.Contains(meanwhile, a => a.Text?.Contains("behåller din plats", StringComparison.Ordinal) == true);
        Assert.True(meanwhile.Any(a => a.Text?.Contains("legitimation", StringComparison.OrdinalIgnoreCase) == true), string.Join("\n", meanwhile.Select(a => a.Type + ": " + a.Text)));
        Assert.Equal("queued", (await anna.GetFromJsonAsync<JsonElement>($"/api/guide/cases/{secondCase.GetProperty("id").GetString()}", Ct)).GetProperty("status").GetString());

        await second.PostMessageAsync("Lämna kön");
        var (left, _) = await second.GetActivitiesAsync(watermark3);
        Assert.Contains(left, a => a.Text?.Contains("lämnat kön", StringComparison.Ordinal) == true);
        Assert.Contains(left, a => a.Name == "handoff.status" && a.Value!.Value.GetProperty("state").GetString() == "completed");
        var closed = await anna.GetFromJsonAsync<JsonElement>($"/api/guide/cases/{secondCase.GetProperty("id").GetString()}", Ct);
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal("invånaren lämnade kön", closed.GetProperty("resolution").GetString());

        // A guide who owns the chat: the bot stays silent (no acknowledgement).
        var firstCase = (await anna.GetFromJsonAsync<JsonElement>("/api/guide/cases?status=queued", Ct))[0].GetProperty("id").GetString();
        await anna.PostAsync($"/api/guide/cases/{firstCase}/claim", null, Ct);
        var (_, w) = await first.GetActivitiesAsync();
        await first.PostMessageAsync("Hej Anna");
        var (during, _) = await first.GetActivitiesAsync(w);
        Assert.DoesNotContain(during, a => a.Type == ActivityTypes.Message && a.From?.Role != "user");
    }

    [Fact]
    public async Task A_case_goes_to_a_named_guide_with_a_note_and_closed_cases_are_found_and_reopened()
    {
        await using var app = new BotApplication(settings: OpenHours);
        var anna = await GuideAsync(app, "anna", "anna-secret");
        var bo = await GuideAsync(app, "bo", "bo-secret");
        await anna.PostAsJsonAsync("/api/guide/status", new { ready = true }, Ct);
        await bo.PostAsJsonAsync("/api/guide/status", new { ready = true }, Ct);
        var resident = await app.StartChatAsync();
        await resident.PostMessageAsync("Jag vill prata med en människa om min bygglovsansökan för Götabergsgatan 20");
        var caseId = (await anna.GetFromJsonAsync<JsonElement>("/api/guide/cases?status=queued", Ct))[0].GetProperty("id").GetString()!;
        await anna.PostAsync($"/api/guide/cases/{caseId}/claim", null, Ct);

        var unknown = await anna.PostAsJsonAsync($"/api/guide/cases/{caseId}/transfer", new { guide = "nobody" }, Ct);
        var transfer = await anna.PostAsJsonAsync($"/api/guide/cases/{caseId}/transfer", new { guide = "bo", note = "Bo kan bygglov." }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, transfer.StatusCode);
        var moved = await transfer.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("bo", moved.GetProperty("claimedBy").GetString());
        Assert.Contains(moved.GetProperty("notes").EnumerateArray(), n => n.GetProperty("text").GetString() == "Vid överlämning: Bo kan bygglov.");
        var (activities, _) = await resident.GetActivitiesAsync();
        Assert.Contains(activities, a => a.Text?.Contains("Vägledaren Bo tar över", StringComparison.Ordinal) == true);

        var supervisor = await anna.GetFromJsonAsync<JsonElement>("/api/guide/supervisor", Ct);
        var boRow = supervisor.GetProperty("guides").EnumerateArray().Single(g => g.GetProperty("userName").GetString() == "bo");
        Assert.Equal(caseId, boRow.GetProperty("cases")[0].GetProperty("id").GetString());

        Assert.Equal(HttpStatusCode.OK, (await bo.PostAsJsonAsync($"/api/guide/cases/{caseId}/close", new { resolution = "besvarad", backToBot = true }, Ct)).StatusCode);
        var byId = await anna.GetFromJsonAsync<JsonElement>($"/api/guide/cases?status=closed&q={caseId}", Ct);
        var byWords = await anna.GetFromJsonAsync<JsonElement>("/api/guide/cases?status=closed&q=bygglovsansökan", Ct);
        var byDate = await anna.GetFromJsonAsync<JsonElement>("/api/guide/cases?status=closed&from=2026-11-25&to=2026-11-30", Ct);
        var none = await anna.GetFromJsonAsync<JsonElement>("/api/guide/cases?status=closed&q=simhall", Ct);
        Assert.Equal(caseId, Assert.Single(byId.EnumerateArray()).GetProperty("id").GetString());
        Assert.Single(byWords.EnumerateArray());
        Assert.Empty(byDate.EnumerateArray());
        Assert.Empty(none.EnumerateArray());

        var reopen = await anna.PostAsync($"/api/guide/cases/{caseId}/reopen", null, Ct);
        Assert.Equal(HttpStatusCode.OK, reopen.StatusCode);
        var reopened = await reopen.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("message", reopened.GetProperty("status").GetString());
        Assert.Equal("anna", reopened.GetProperty("claimedBy").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await anna.PostAsync($"/api/guide/cases/{caseId}/reopen", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task Saved_replies_are_kept_per_group_with_unique_shortcuts()
    {
        await using var app = new BotApplication(settings: OpenHours);
        var anna = await GuideAsync(app, "anna", "anna-secret");

        var created = await anna.PostAsJsonAsync("/api/guide/replies", new { group = "Bygglov", shortcut = "/altan", title = "Altan", text = "En altan lägre än 1,8 m behöver oftast inget bygglov." }, Ct);
        var clash = await anna.PostAsJsonAsync("/api/guide/replies", new { group = "Bygglov", shortcut = "altan", title = "Igen", text = "x" }, Ct);
        var otherGroup = await anna.PostAsJsonAsync("/api/guide/replies", new { group = "Parkering", shortcut = "altan", title = "Annan grupp", text = "y" }, Ct);
        var badGroup = await anna.PostAsJsonAsync("/api/guide/replies", new { group = "Finns inte", shortcut = "z", title = "z", text = "z" }, Ct);
        var badShortcut = await anna.PostAsJsonAsync("/api/guide/replies", new { shortcut = "två ord", title = "z", text = "z" }, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, clash.StatusCode);
        Assert.Equal(HttpStatusCode.Created, otherGroup.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badGroup.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badShortcut.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();
        var list = await anna.GetFromJsonAsync<JsonElement>("/api/guide/replies", Ct);
        Assert.Contains(list.EnumerateArray(), r => r.GetProperty("shortcut").GetString() == "altan" && r.GetProperty("group").GetString() == "Bygglov");
        Assert.Contains(list.EnumerateArray(), r => r.GetProperty("shortcut").GetString() == "hej");
        Assert.Equal(HttpStatusCode.OK, (await anna.PutAsJsonAsync($"/api/guide/replies/{id}", new { group = "Bygglov", shortcut = "altan", title = "Altan", text = "Ändrad." }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await anna.DeleteAsync($"/api/guide/replies/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anna.DeleteAsync($"/api/guide/replies/{id}", Ct)).StatusCode);
    }
}
