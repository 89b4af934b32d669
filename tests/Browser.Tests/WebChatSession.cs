using System.Text.Json;
using Microsoft.Playwright;

namespace Browser.Tests;

/// <summary>
/// The official Web Chat 4.18.1 bundle (tests/clients/node_modules/botframework-webchat/dist/webchat.js)
/// on a page of a fake origin (http://webchat.test/) that Playwright serves from memory and disk, so no
/// web server is needed. The page talks Direct Line to the bot on 127.0.0.1 (cross-origin, like a
/// city web page embedding the chat) and exposes Web Chat's Redux store to the test:
/// <c>window.__store</c> and every dispatched action in <c>window.__actions</c>.
/// </summary>
internal sealed class WebChatSession : IAsyncDisposable
{
    public const string Origin = "https://webchat.test";

    private const string PageTemplate = """
        <!DOCTYPE html>
        <html lang="sv">
        <head>
          <meta charset="utf-8">
          <title>Web Chat 4.18.1 compatibility</title>
          <style>html, body { height: 100%; margin: 0; } #webchat { height: 100%; }</style>
          <script src="/webchat.js"></script>
        </head>
        <body>
          <main id="webchat"></main>
          <script>
            (function () {
              const config = __CONFIG__;
              const copy = (action) => {
                try {
                  return JSON.parse(JSON.stringify(action));
                } catch {
                  return { type: action.type };
                }
              };
              window.__actions = [];
              const store = window.WebChat.createStore({}, () => (next) => (action) => {
                window.__actions.push(copy(action));
                return next(action);
              });
              window.__store = store;
              window.__activities = () => JSON.parse(JSON.stringify(store.getState().activities));
              window.WebChat.renderWebChat({
                directLine: window.WebChat.createDirectLine({ domain: config.domain, token: config.token }),
                store,
                locale: config.locale,
                styleOptions: config.styleOptions
              }, document.getElementById('webchat'));
            })();
          </script>
        </body>
        </html>
        """;

    private static readonly Lazy<byte[]> Bundle = new(() => File.ReadAllBytes(RepoPaths.NodeModule("botframework-webchat", "dist", "webchat.js")));

    private readonly BrowserPage _browserPage;

    private WebChatSession(BrowserPage browserPage, WebsiteToken token)
    {
        _browserPage = browserPage;
        Token = token;
    }

    public IPage Page => _browserPage.Page;

    public WebsiteToken Token { get; }

    public IReadOnlyCollection<string> ConsoleProblems => _browserPage.ConsoleProblems;

    /// <summary>The send box, found by its Swedish placeholder.</summary>
    public ILocator SendBox => Page.GetByPlaceholder("Skriv ditt meddelande");

    /// <summary>
    /// Opens Web Chat on a new conversation and waits for the bot's welcome message.
    /// <paramref name="beforeLoad"/> can install extra routes (e.g. a WebSocket filter) first.
    /// </summary>
    public static async Task<WebChatSession> OpenAsync(BrowserFixture fixture, object? styleOptions = null, Func<IPage, Task>? beforeLoad = null)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var token = await fixture.Bot.CreateTokenAsync(cancellationToken);
        var browserPage = await fixture.NewPageAsync();
        // The page (a public origin) calls the bot on loopback: Chromium's Local Network Access asks
        // the user first; the test grants it, as a resident would. Not needed when both are public.
        await browserPage.Context.GrantPermissionsAsync(["local-network-access"], new BrowserContextGrantPermissionsOptions { Origin = Origin });
        var session = new WebChatSession(browserPage, token);
        try
        {
            var config = JsonSerializer.Serialize(new
            {
                domain = fixture.Bot.DirectLineDomain,
                token = token.Token,
                locale = "sv-SE",
                styleOptions = styleOptions ?? new { },
            });
            var html = PageTemplate.Replace("__CONFIG__", config, StringComparison.Ordinal);
            var bundle = Bundle.Value;
            await session.Page.RouteAsync($"{Origin}/**", async route =>
            {
                var path = new Uri(route.Request.Url).AbsolutePath;
                if (path == "/")
                {
                    await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html; charset=utf-8", Body = html });
                }
                else if (path == "/webchat.js")
                {
                    await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/javascript; charset=utf-8", BodyBytes = bundle });
                }
                else
                {
                    await route.FulfillAsync(new RouteFulfillOptions { Status = 404, Body = "" });
                }
            });
            if (beforeLoad is not null)
            {
                await beforeLoad(session.Page);
            }
            await session.Page.GotoAsync($"{Origin}/");
            try
            {
                await session.WaitForAsync("() => window.__store && window.__store.getState().activities.some(a => a.type === 'message' && a.from && a.from.role === 'bot')",
                    timeoutMs: 30_000);
            }
            catch (TimeoutException timeout)
            {
                var actions = await session.Page.EvaluateAsync<string[]>("() => (window.__actions || []).map(a => a.type)");
                throw new TimeoutException(
                    $"Web Chat showed no welcome message within 30 s.\nActions: {string.Join(", ", actions)}\nConsole: {string.Join("\n", session.ConsoleProblems)}", timeout);
            }
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>Types into the send box and presses Enter, like a resident.</summary>
    public async Task SendAsync(string text)
    {
        await SendBox.FillAsync(text);
        await SendBox.PressAsync("Enter");
    }

    /// <summary>Web Chat's activities (its Redux state), as JSON.</summary>
    public async Task<JsonElement[]> ActivitiesAsync()
    {
        var activities = await Page.EvaluateAsync<JsonElement>("() => window.__activities()");
        return [.. activities.EnumerateArray()];
    }

    /// <summary>The types of all Redux actions dispatched so far.</summary>
    public async Task<JsonElement[]> ActionsAsync()
    {
        var actions = await Page.EvaluateAsync<JsonElement>("() => window.__actions");
        return [.. actions.EnumerateArray()];
    }

    /// <summary>Waits (polling in the page) until the JavaScript function returns a truthy value, which is returned as JSON.</summary>
    public async Task<JsonElement> WaitForAsync(string function, object? arg = null, float timeoutMs = 20_000)
    {
        var handle = await Page.WaitForFunctionAsync(function, arg, new PageWaitForFunctionOptions { Timeout = timeoutMs, PollingInterval = 50 });
        return await handle.JsonValueAsync<JsonElement>();
    }

    /// <summary>Waits until the user's message with this text is marked sent by Web Chat; returns it.</summary>
    public Task<JsonElement> WaitForSentAsync(string text, float timeoutMs = 20_000) =>
        WaitForAsync("""
            text => window.__store.getState().activities.find(a =>
              a.type === 'message' && a.from && a.from.role === 'user' && a.text === text &&
              a.channelData && a.channelData['webchat:send-status'] === 'sent' && a.id)
            """, text, timeoutMs);

    /// <summary>Waits for the bot's reply to the activity with this id; returns it.</summary>
    public Task<JsonElement> WaitForReplyAsync(string activityId, float timeoutMs = 20_000) =>
        WaitForAsync("""
            id => window.__store.getState().activities.find(a => a.type === 'message' && a.replyToId === id && a.from && a.from.role === 'bot')
            """, activityId, timeoutMs);

    public async ValueTask DisposeAsync() => await _browserPage.DisposeAsync();
}
