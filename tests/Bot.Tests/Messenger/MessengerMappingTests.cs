using System.Text.Json;
using Bot.Channels.Messenger;
using Dialogs.Protocol;

namespace Bot.Tests.Messenger;

/// <summary>How the bot's replies become Send API messages, and Messenger events become Activities.</summary>
public class MessengerMappingTests
{
    [Fact]
    public void FifteenLongOptions_BecomeAtMost13QuickReplies_WithShortTitles_AndAllAreListedInTheText()
    {
        var options = Enumerable.Range(1, 15).Select(i => $"Hur ansöker jag om plats i förskola nummer {i}?").ToList();
        var reply = new Activity
        {
            Type = ActivityTypes.Message,
            Text = "Menar du något av det här?",
            SuggestedActions = new SuggestedActions { Actions = options.Select(o => CardAction.ImBack(o)).ToList() },
        };

        var message = Assert.Single(MessengerReplyMapper.ToMessages(reply));

        var quickReplies = message["quick_replies"]!.AsArray();
        Assert.Equal(MessengerLimits.QuickReplies, quickReplies.Count);
        Assert.All(quickReplies, q => Assert.InRange(q!["title"]!.GetValue<string>().Length, 1, MessengerLimits.QuickReplyTitle));
        Assert.Equal(options.Take(13), quickReplies.Select(q => q!["payload"]!.GetValue<string>()));
        Assert.Equal(13, quickReplies.Select(q => q!["title"]!.GetValue<string>()).Distinct().Count());
        var text = message["text"]!.GetValue<string>();
        Assert.StartsWith("Menar du något av det här?", text, StringComparison.Ordinal);
        Assert.All(options, o => Assert.Contains(o, text, StringComparison.Ordinal));
    }

    [Fact]
    public void ShortOptions_AreQuickRepliesAsTheyAre()
    {
        var reply = new Activity
        {
            Type = ActivityTypes.Message,
            Text = "Välj",
            SuggestedActions = new SuggestedActions { Actions = [CardAction.ImBack("Parkering"), CardAction.ImBack("Bibliotek"), CardAction.OpenUrl("Läs mer", "https://goteborg.se/parkering")] },
        };

        var message = Assert.Single(MessengerReplyMapper.ToMessages(reply));

        Assert.Equal(["Parkering", "Bibliotek"], message["quick_replies"]!.AsArray().Select(q => q!["title"]!.GetValue<string>()));
        Assert.Equal("Välj\n\nLäs mer: https://goteborg.se/parkering", message["text"]!.GetValue<string>());
    }

    [Fact]
    public void LongText_IsSplitAtSentenceEnds_EachPieceUnderTheLimit_NothingLost()
    {
        var sentences = Enumerable.Range(1, 80).Select(i => $"Mening {i} handlar om sophämtning i Göteborg och är ganska lång för att fylla ut texten!").ToList();
        var text = string.Join(" ", sentences);

        var messages = MessengerReplyMapper.ToMessages(new Activity { Type = ActivityTypes.Message, Text = text, TextFormat = "plain" });
        var pieces = messages.Select(m => m["text"]!.GetValue<string>()).ToList();

        Assert.True(pieces.Count >= 4);
        Assert.All(pieces, p => Assert.InRange(p.Length, 1, MessengerLimits.Text - 1));
        Assert.All(pieces, p => Assert.EndsWith("texten!", p, StringComparison.Ordinal));
        Assert.Equal(text, string.Join(" ", pieces));
    }

    [Fact]
    public void OneHugeSentence_IsSplitBetweenWords()
    {
        var text = string.Join(" ", Enumerable.Repeat("ord", 1500));

        var pieces = MessengerText.Split(text);

        Assert.All(pieces, p => Assert.InRange(p.Length, 1, MessengerLimits.Text - 1));
        Assert.Equal(text, string.Join(" ", pieces));
    }

    [Fact]
    public void MarkdownSourceLink_IsSpelledOut()
    {
        var messages = MessengerReplyMapper.ToMessages(new Activity
        {
            Type = ActivityTypes.Message,
            Text = "Du behöver **legitimation**.\n\n[Källa: goteborg.se](https://goteborg.se/wps/portal/bibliotek)",
            TextFormat = "markdown",
        });

        Assert.Equal("Du behöver legitimation.\n\nKälla: https://goteborg.se/wps/portal/bibliotek", Assert.Single(messages)["text"]!.GetValue<string>());
    }

    [Fact]
    public void HeroCard_IsAGenericTemplate_AndAdaptiveCardIsText()
    {
        var hero = new Attachment
        {
            ContentType = "application/vnd.microsoft.card.hero",
            Content = JsonSerializer.SerializeToElement(new
            {
                title = "Återvinningscentral Högsbo",
                text = "Öppet 10–18",
                images = new[] { new { url = "https://goteborg.se/bild.jpg" } },
                buttons = new object[] { new { type = "openUrl", title = "Karta", value = "https://goteborg.se/karta" }, new { type = "imBack", title = "Fler", value = "Fler centraler" } },
            }),
        };
        var adaptive = new Attachment
        {
            ContentType = "application/vnd.microsoft.card.adaptive",
            Content = JsonSerializer.SerializeToElement(new { type = "AdaptiveCard", body = new[] { new { type = "TextBlock", text = "Felanmälan FR-2026-000123" } } }),
        };

        var messages = MessengerReplyMapper.ToMessages(new Activity { Type = ActivityTypes.Message, Attachments = [hero, adaptive] });

        Assert.Equal("Felanmälan FR-2026-000123", messages[0]["text"]!.GetValue<string>());
        var payload = messages[1]["attachment"]!["payload"]!;
        Assert.Equal("generic", payload["template_type"]!.GetValue<string>());
        var element = payload["elements"]![0]!;
        Assert.Equal(("Återvinningscentral Högsbo", "Öppet 10–18", "https://goteborg.se/bild.jpg"),
            (element["title"]!.GetValue<string>(), element["subtitle"]!.GetValue<string>(), element["image_url"]!.GetValue<string>()));
        Assert.Equal(["web_url", "postback"], element["buttons"]!.AsArray().Select(b => b!["type"]!.GetValue<string>()));
        Assert.Equal("Fler centraler", element["buttons"]![1]!["payload"]!.GetValue<string>());
    }

    [Fact]
    public void EventsAndTraces_SendNothing()
    {
        Assert.Empty(MessengerReplyMapper.ToMessages(new Activity { Type = ActivityTypes.Event, Name = "handoff.initiate" }));
        Assert.Empty(MessengerReplyMapper.ToMessages(new Activity { Type = ActivityTypes.Trace, Name = "BotDecision" }));
    }

    [Fact]
    public void ImageAndQuickReply_BecomeAttachmentAndText_OptinAnEvent()
    {
        const string imageEvent = """{"sender":{"id":"1"},"recipient":{"id":"2"},"timestamp":1,"message":{"mid":"m_1","attachments":[{"type":"image","payload":{"url":"https://cdn.fbsbx.com/v/photo.png?x=1"}}]}}""";
        const string quickReply = """{"sender":{"id":"1"},"recipient":{"id":"2"},"timestamp":2,"message":{"mid":"m_2","text":"1. Hur ansöker jag…","quick_reply":{"payload":"Hur ansöker jag om förskola?"}}}""";
        const string optin = """{"sender":{"id":"1"},"recipient":{"id":"2"},"timestamp":3,"optin":{"ref":"website"}}""";

        var image = MessengerActivityMapper.ToActivity(new MessengerEvent("mid:m_1", MessengerEventKinds.Message, "2", "1", 1, imageEvent))!;
        var tapped = MessengerActivityMapper.ToActivity(new MessengerEvent("mid:m_2", MessengerEventKinds.Message, "2", "1", 2, quickReply))!;
        var opted = MessengerActivityMapper.ToActivity(new MessengerEvent("optin:1:3", MessengerEventKinds.Optin, "2", "1", 3, optin))!;

        Assert.Equal(("facebook", "1-2", "m_1"), (image.ChannelId, image.Conversation!.Id, image.Id));
        var attachment = Assert.Single(image.Attachments!);
        Assert.Equal(("image/png", "https://cdn.fbsbx.com/v/photo.png?x=1"), (attachment.ContentType, attachment.ContentUrl));
        Assert.Equal("Hur ansöker jag om förskola?", tapped.Text);
        Assert.Equal((ActivityTypes.Event, "facebook.optin"), (opted.Type, opted.Name));
    }
}
