using System.Buffers.Text;
using System.Collections;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Bot.Channels.DirectLine;
using Bot.Turns;
using Microsoft.Extensions.DependencyInjection;
using YamlDotNet.RepresentationModel;

namespace Bot.Tests.Security;

/// <summary>Issue 12, "Low, but fix them while you are here".</summary>
[Collection(Limits.Name)]
public sealed class LowFindingsTests(LimitedBot bot)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheWebsiteTokenEndpoint_ChoosesTheUserId_UnlessTheSecretIsUsed()
    {
        var client = bot.App.CreateClient();
        var victim = "dl_victimsOwnUserId1";

        var askedRequest = new HttpRequestMessage(HttpMethod.Post, "/api/directline/token") { Content = JsonContent.Create(new { user = new { id = victim } }) };
        askedRequest.Headers.Add("X-Forwarded-For", bot.NewAddress());
        var asked = await client.SendAsync(askedRequest, Cancel);
        var withSecret = new HttpRequestMessage(HttpMethod.Post, "/api/directline/token") { Content = JsonContent.Create(new { user = new { id = victim } }) };
        withSecret.Headers.Authorization = new("Bearer", "test-secret-0123456789");
        withSecret.Headers.Add("X-Forwarded-For", bot.NewAddress());
        var server = await client.SendAsync(withSecret, Cancel);

        var assigned = await UserOfAsync(asked);
        Assert.NotEqual(victim, assigned);
        Assert.StartsWith("dl_", assigned, StringComparison.Ordinal);
        Assert.Equal(victim, await UserOfAsync(server));
    }

    [Fact]
    public async Task ABrokenOrTruncatedBody_IsAClientError_NotALoggedServerError()
    {
        var app = bot.App;
        var http = app.CreateClient();
        var chat = await bot.ChatAsync();
        var address = new Uri(http.BaseAddress!, "/");
        var head = $"POST /v3/directline/conversations/{chat.ConversationId}/activities HTTP/1.1\r\nHost: {address.Authority}\r\n"
            + $"Authorization: Bearer {chat.Token}\r\nContent-Type: application/json\r\n";

        // A chunked body that ends in the middle of a chunk, then garbage where the next chunk size belongs.
        var broken = await RawAsync(address, head + "Transfer-Encoding: chunked\r\n\r\n10\r\n{\"type\":\"mess\r\nzz\r\n", closeAfterSending: false);
        // Fewer bytes than announced, then the client goes away.
        await RawAsync(address, head + "Content-Length: 500\r\n\r\n{\"type\":\"message\",\"text\":\"Hej", closeAfterSending: true);
        var after = await chat.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{chat.ConversationId}/activities");

        Assert.True(broken.StartsWith("HTTP/1.1 400", StringComparison.Ordinal), broken);
        Assert.Contains("\"error\"", broken, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.DoesNotContain(app.LogLines, line => line.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(app.LogLines, line => line.Contains("BadHttpRequestException", StringComparison.Ordinal) && line.Contains("   at ", StringComparison.Ordinal));
    }

    private static async Task<string> RawAsync(Uri address, string request, bool closeAfterSending)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port, Cancel);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), Cancel);
        if (closeAfterSending)
        {
            tcp.Client.Shutdown(SocketShutdown.Send);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        var buffer = new byte[8192];
        try
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read);
        }
        catch (IOException) when (closeAfterSending)
        {
            // The server may reset a connection whose client has gone: nothing to read then.
            return "";
        }
    }

    [Fact]
    public async Task TheLockAndStreamTables_ShrinkWhenConversationsGoQuiet()
    {
        var app = bot.App;
        for (var i = 0; i < 12; i++)
        {
            var chat = await bot.ChatAsync();
            await chat.PostMessageAsync("Hej");
            using var socket = new ClientWebSocket();
            await socket.ConnectAsync(new Uri(chat.StreamUrl), Cancel);
            await socket.ReceiveAsync(new byte[64 * 1024], Cancel);
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", Cancel);
        }
        var locks = app.Services.GetRequiredService<ConversationLocks>();
        var hub = app.Services.GetRequiredService<ConversationHub>();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Entries(hub, "_listeners") > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, Cancel);
        }
        Assert.Equal(0, Entries(locks, "_locks"));
        Assert.Equal(0, Entries(hub, "_listeners"));
    }

    [Fact]
    public async Task TheCaseList_HasNoTranscripts_TheCaseHasIt()
    {
        var app = bot.App;
        var guide = await FaultReportApiTests.GuideAsync(app);
        var chat = await bot.ChatAsync();
        await chat.PostMessageAsync("Jag vill prata med en människa om min faktura");

        var list = await guide.GetFromJsonAsync<JsonElement>("/api/guide/cases", Cancel);
        var item = list.EnumerateArray().Single(c => c.GetProperty("conversationId").GetString() == chat.ConversationId);
        var one = await guide.GetFromJsonAsync<JsonElement>($"/api/guide/cases/{item.GetProperty("id").GetString()}", Cancel);

        Assert.Equal(JsonValueKind.Null, item.GetProperty("transcript").ValueKind);
        Assert.Contains(one.GetProperty("transcript").EnumerateArray(), t => t.GetProperty("role").GetString() == "resident");
    }

    [Fact]
    public async Task ADraftWithALineSeparator_ReadsBackExactly()
    {
        var app = bot.App;
        var guide = await FaultReportApiTests.GuideAsync(app);
        var chat = await bot.ChatAsync();
        await chat.PostMessageAsync("Jag vill prata med en människa");
        var caseId = (await guide.GetFromJsonAsync<JsonElement>("/api/guide/cases", Cancel)).EnumerateArray()
            .Single(c => c.GetProperty("conversationId").GetString() == chat.ConversationId).GetProperty("id").GetString();
        const string answer = "Första raden\u2028andra raden\u2029tredje.";

        var draft = await guide.PostAsJsonAsync($"/api/guide/cases/{caseId}/draft-entry", new { question = "Får jag grilla på balkongen?", answer, topic = "övrigt" }, Cancel);

        Assert.Equal(HttpStatusCode.Created, draft.StatusCode);
        var file = Path.Combine(bot.ContentPath, (await draft.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("file").GetString()!);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(await File.ReadAllTextAsync(file, Cancel)));
        var entry = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode)["entries"]).Children[0];
        Assert.Equal(answer, ((YamlScalarNode)((YamlMappingNode)entry["answer"])["sv"]).Value);
    }

    [Fact]
    public async Task ThePagesContentSecurityPolicy_AllowsNoOtherHost()
    {
        var app = bot.App;

        var page = await app.CreateClient().GetAsync("/", Cancel);

        var policy = Assert.Single(page.Headers.GetValues("Content-Security-Policy"));
        var directives = policy.Split(';', StringSplitOptions.TrimEntries).ToDictionary(d => d.Split(' ')[0], d => d);
        Assert.Equal("connect-src 'self'", directives["connect-src"]);
        Assert.Equal("img-src 'self' data:", directives["img-src"]);
        Assert.Equal("script-src 'self'", directives["script-src"]);
        Assert.DoesNotContain("https:", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("ws:", policy, StringComparison.Ordinal);
    }

    private static async Task<string> UserOfAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("token").GetString()!;
        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[1]));
        return payload.RootElement.GetProperty("user").GetString()!;
    }

    /// <summary>Entries of a private dictionary (read by reflection so the test runs against any version of the class).</summary>
    private static int Entries(object owner, string field) =>
        ((ICollection)owner.GetType().GetField(field, BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(owner)!).Count;
}
