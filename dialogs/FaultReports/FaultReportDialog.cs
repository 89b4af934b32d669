using System.Globalization;
using Dialogs.Engine;
using Dialogs.Main;
using Dialogs.Privacy;
using Dialogs.Protocol;
using Knowledge;

namespace Dialogs.FaultReports;

/// <summary>What a turn of the fault-report dialog left behind: the draft (null when the form ended) and the turn's outcome.</summary>
public sealed record FaultReportTurn(FaultReportDraft? Draft, string Outcome);

/// <summary>
/// The fault-report form, a waterfall whose steps are skipped when the resident has already given
/// the answer: category → place (confirmed back) → description → photo → contact → stored, then the
/// reference. "Avbryt" ends it at any step. Also answers "how is my report FR-…?", but only about a
/// report from the same chat or with the report's secret code.
/// </summary>
/// <param name="photos">Which attachments are photos the host stored itself; without it no photo is taken.</param>
public sealed partial class FaultReportDialog(IFaultReportStore? store, TimeProvider clock, IOwnPhotos? photos = null)
{
    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    /// <summary>
    /// Handles a message outside the form when it reports a fault (starts the form, prefilled with
    /// what the message says), is about a state road, or asks for a report's status; null otherwise.
    /// </summary>
    public async Task<FaultReportTurn?> TryBeginAsync(ITurnContext turn, string text, Language language, CancellationToken cancellationToken)
    {
        if (FaultReportRecognizer.AsksForStatus(text))
        {
            await StatusAsync(turn, FaultReportRecognizer.Reference(text), FaultReportAccessCode.Find(text), language, cancellationToken);
            return new FaultReportTurn(null, Outcomes.Answer);
        }
        var mention = FaultReportRecognizer.Recognize(text);
        if (mention is null)
        {
            return null;
        }
        if (mention.StateRoad)
        {
            var danger = mention.DangerToLife ? FaultReportMessages.DangerFirst.For(language) + "\n\n" : "";
            await SendAsync(turn, danger + FaultReportMessages.StateRoad.For(language), language, [], cancellationToken);
            return new FaultReportTurn(null, Outcomes.Answer);
        }
        var draft = new FaultReportDraft
        {
            Category = mention.Category?.Code,
            Location = mention.Location is { } place ? PersonalData.MaskIdentityNumbers(place) : null,
            Description = mention.Description is { } description ? PersonalData.MaskIdentityNumbers(description) : null,
        };
        var lead = (mention.DangerToLife ? FaultReportMessages.DangerFirst.For(language) + "\n\n" : "") + FaultReportMessages.Start.For(language);
        return await NextAsync(turn, draft, language, lead, cancellationToken);
    }

    /// <summary>
    /// Starts the form for a message the understanding judged to be a fault report, prefilled with
    /// what the wording gives (state roads and status questions as in <see cref="TryBeginAsync"/>).
    /// </summary>
    public async Task<FaultReportTurn> BeginAsync(ITurnContext turn, string text, Language language, CancellationToken cancellationToken)
    {
        if (await TryBeginAsync(turn, text, language, cancellationToken) is { } begun)
        {
            return begun;
        }
        var draft = new FaultReportDraft
        {
            Category = FaultCategories.Detect(text)?.Code,
            Location = FaultReportRecognizer.Location(text) is { } place ? PersonalData.MaskIdentityNumbers(place) : null,
            Description = PersonalData.MaskIdentityNumbers(text.Trim().Length > FaultReportRecognizer.MaxDescription ? text.Trim()[..FaultReportRecognizer.MaxDescription] : text.Trim()),
        };
        return await NextAsync(turn, draft, language, FaultReportMessages.Start.For(language), cancellationToken);
    }

    /// <summary>The resident's answer to the form's last question.</summary>
    public async Task<FaultReportTurn> ContinueAsync(ITurnContext turn, FaultReportDraft draft, string text, Language language, CancellationToken cancellationToken)
    {
        if (FaultReportRecognizer.IsCancel(text))
        {
            await SendAsync(turn, FaultReportMessages.Cancelled.For(language), language, [], cancellationToken);
            return new FaultReportTurn(null, Outcomes.Form);
        }
        // A photo is welcome at any step, with or without text.
        if (await PhotoUrlAsync(turn.Activity, photos, cancellationToken) is { } photo)
        {
            draft = draft with { PhotoUrl = photo, PhotoAsked = true };
            if (text.Length == 0 || draft.Step == FaultReportSteps.Photo)
            {
                return await NextAsync(turn, draft, language, FaultReportMessages.PhotoReceived.For(language), cancellationToken);
            }
        }
        else if (text.Length == 0)
        {
            return await AgainAsync(turn, draft, language, draft.Step == FaultReportSteps.Photo ? FaultReportMessages.PhotoNotImage.For(language) : null, cancellationToken);
        }
        text = PersonalData.MaskIdentityNumbers(text);

        switch (draft.Step)
        {
            case FaultReportSteps.Category:
                var category = FaultCategories.FromReply(text);
                // A reply that names no category describes the fault in the resident's words: keep it.
                return await NextAsync(turn, draft with
                {
                    Category = (category ?? FaultCategories.OtherThings).Code,
                    Description = draft.Description ?? (category is null ? FaultReportRecognizer.Clip(text, FaultReportRecognizer.MaxDescription) : null),
                }, language, null, cancellationToken);

            case FaultReportSteps.Location:
                return await PlaceAsync(turn, draft, text, language, cancellationToken);

            case FaultReportSteps.ConfirmLocation:
                if (FaultReportRecognizer.IsYes(text))
                {
                    return await NextAsync(turn, draft with { LocationConfirmed = true }, language, null, cancellationToken);
                }
                if (FaultReportRecognizer.IsNo(text) && text.Length <= 20)
                {
                    await SendAsync(turn, FaultReportMessages.AskLocationAgain.For(language), language, [FaultReportMessages.CancelButton], cancellationToken);
                    return new FaultReportTurn(draft with { Location = null, WrongLocation = draft.Location, Step = FaultReportSteps.Location, Retries = 0 }, Outcomes.Form);
                }
                // A sentence that names no place tells more about the fault ("Den blinkar och slocknar"):
                // the place stands and the sentence is added to the description.
                if (!LooksLikePlace(text))
                {
                    var description = draft.Description is null ? text : draft.Description + " " + text;
                    return await NextAsync(turn, draft with { LocationConfirmed = true, Description = FaultReportRecognizer.Clip(description, FaultReportRecognizer.MaxDescription) }, language, null, cancellationToken);
                }
                // Anything else is taken as the corrected place ("Nej, Götabergsgatan 22").
                return await PlaceAsync(turn, draft, NoWord().Replace(text, ""), language, cancellationToken);

            case FaultReportSteps.Description:
                return text.Length < 2
                    ? await AgainAsync(turn, draft, language, null, cancellationToken)
                    : await NextAsync(turn, draft with { Description = FaultReportRecognizer.Clip(text, FaultReportRecognizer.MaxDescription) }, language, null, cancellationToken);

            case FaultReportSteps.Photo:
                return FaultReportRecognizer.IsSkip(text) || draft.Retries >= 1
                    ? await NextAsync(turn, draft with { PhotoAsked = true }, language, null, cancellationToken)
                    : await AgainAsync(turn, draft, language, FaultReportMessages.PhotoNotImage.For(language), cancellationToken);

            case FaultReportSteps.Contact:
                if (FaultReportRecognizer.Contact(text) is { } contact)
                {
                    return await NextAsync(turn, draft with { Contact = contact, ContactAsked = true }, language, null, cancellationToken);
                }
                return FaultReportRecognizer.IsSkip(text) || draft.Retries >= 1
                    ? await NextAsync(turn, draft with { ContactAsked = true }, language, null, cancellationToken)
                    : await AgainAsync(turn, draft, language, FaultReportMessages.ContactNotUnderstood.For(language), cancellationToken);

            default:
                return await NextAsync(turn, draft, language, null, cancellationToken);
        }
    }

    private async Task<FaultReportTurn> PlaceAsync(ITurnContext turn, FaultReportDraft draft, string text, Language language, CancellationToken cancellationToken)
    {
        text = text.Trim().TrimEnd('.', '!');
        if (FaultReportRecognizer.IsStateRoad(text))
        {
            await SendAsync(turn, FaultReportMessages.StateRoad.For(language), language, [], cancellationToken);
            return new FaultReportTurn(null, Outcomes.Form);
        }
        if (text.Length < 3 || (text.Length <= 20 && (FaultReportRecognizer.IsYes(text) || FaultReportRecognizer.IsNo(text))))
        {
            return await AgainAsync(turn, draft with { Step = FaultReportSteps.Location }, language, null, cancellationToken);
        }
        // The reply to "where?" is all place, in the resident's words.
        var place = FaultReportRecognizer.Clip(text, FaultReportRecognizer.MaxLocation);
        // A corrected place is corrected in the description too, so that the report does not name two places.
        var wrong = draft.WrongLocation ?? draft.Location;
        var description = wrong is { Length: > 0 } && draft.Description is { } said && said.Contains(wrong, StringComparison.OrdinalIgnoreCase)
            ? FaultReportRecognizer.Clip(said.Replace(wrong, place, StringComparison.OrdinalIgnoreCase), FaultReportRecognizer.MaxDescription)
            : draft.Description;
        return await NextAsync(turn, draft with { Location = place, LocationConfirmed = false, WrongLocation = null, Description = description }, language, null, cancellationToken);
    }

    /// <summary>A correction of the place: it starts with "nej", is short, or has a number or a name in it.</summary>
    private static bool LooksLikePlace(string text) =>
        FaultReportRecognizer.IsNo(text)
        || text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 3
        || text.Any(char.IsDigit)
        || text.Skip(1).Any(char.IsUpper);

    /// <summary>Asks the first question the draft has no answer to, or stores the report when it is complete.</summary>
    private async Task<FaultReportTurn> NextAsync(ITurnContext turn, FaultReportDraft draft, Language language, string? lead, CancellationToken cancellationToken)
    {
        var (step, question, buttons) = Question(draft, language);
        if (step is null)
        {
            return await SubmitAsync(turn, draft, language, lead, cancellationToken);
        }
        await SendAsync(turn, lead is null ? question : lead + "\n\n" + question, language, buttons, cancellationToken);
        return new FaultReportTurn(draft with { Step = step, Retries = step == draft.Step ? draft.Retries : 0 }, Outcomes.Form);
    }

    /// <summary>The same question again after a reply that did not fit it.</summary>
    private async Task<FaultReportTurn> AgainAsync(ITurnContext turn, FaultReportDraft draft, Language language, string? hint, CancellationToken cancellationToken)
    {
        var (_, question, buttons) = Question(draft, language);
        await SendAsync(turn, hint ?? question, language, buttons, cancellationToken);
        return new FaultReportTurn(draft with { Retries = draft.Retries + 1 }, Outcomes.Form);
    }

    private static (string? Step, string Question, IReadOnlyList<LocalizedText> Buttons) Question(FaultReportDraft draft, Language language)
    {
        if (draft.Category is null)
        {
            return (FaultReportSteps.Category, FaultReportMessages.AskCategory.For(language), [.. FaultCategories.All.Select(c => c.Name), FaultReportMessages.CancelButton]);
        }
        if (draft.Location is null)
        {
            return (FaultReportSteps.Location, FaultReportMessages.AskLocation.For(language), [FaultReportMessages.CancelButton]);
        }
        if (!draft.LocationConfirmed)
        {
            return (FaultReportSteps.ConfirmLocation, string.Format(CultureInfo.InvariantCulture, FaultReportMessages.ConfirmLocation.For(language), draft.Location),
                [FaultReportMessages.YesButton, FaultReportMessages.NoButton, FaultReportMessages.CancelButton]);
        }
        if (draft.Description is null)
        {
            return (FaultReportSteps.Description, FaultReportMessages.AskDescription.For(language), [FaultReportMessages.CancelButton]);
        }
        if (!draft.PhotoAsked)
        {
            return (FaultReportSteps.Photo, FaultReportMessages.AskPhoto.For(language), [FaultReportMessages.SkipButton, FaultReportMessages.CancelButton]);
        }
        if (!draft.ContactAsked)
        {
            return (FaultReportSteps.Contact, FaultReportMessages.AskContact.For(language), [FaultReportMessages.SkipButton, FaultReportMessages.CancelButton]);
        }
        return (null, "", []);
    }

    /// <summary>Stores the report first; only a stored report gets a reference to the resident.</summary>
    private async Task<FaultReportTurn> SubmitAsync(ITurnContext turn, FaultReportDraft draft, Language language, string? lead, CancellationToken cancellationToken)
    {
        var prefix = lead is null ? "" : lead + "\n\n";
        if (store is null)
        {
            await SendAsync(turn, prefix + FaultReportMessages.NotSaved.For(language), language, [], cancellationToken);
            return new FaultReportTurn(null, Outcomes.Form);
        }
        var activity = turn.Activity;
        var report = await store.CreateAsync(new NewFaultReport(
            draft.Category ?? FaultCategories.Other,
            draft.Location ?? "",
            draft.Description ?? "",
            draft.PhotoUrl,
            draft.Contact,
            language.Code(),
            activity.Conversation?.Id ?? "",
            activity.ChannelId ?? "",
            clock.GetUtcNow(),
            FaultReportAccessCode.New()), cancellationToken);
        var category = FaultCategories.ByCode(report.Category).Name.For(language);
        var text = string.Format(CultureInfo.InvariantCulture, FaultReportMessages.Confirmed.For(language), report.Reference, category, report.Location, report.AccessCode);
        if (report.Contact is { } contact)
        {
            text += " " + string.Format(CultureInfo.InvariantCulture, FaultReportMessages.WillContact.For(language), contact);
        }
        await SendAsync(turn, prefix + text, language, [], cancellationToken);
        return new FaultReportTurn(null, Outcomes.Form);
    }

    /// <summary>
    /// The status of a report filed in this conversation, or of one whose secret code the resident gives.
    /// Anything else, an unknown reference included, gets the same "I can't see that report here".
    /// </summary>
    private async Task StatusAsync(ITurnContext turn, string? reference, string? code, Language language, CancellationToken cancellationToken)
    {
        if (reference is null)
        {
            await SendAsync(turn, FaultReportMessages.AskReference.For(language), language, [], cancellationToken);
            return;
        }
        var report = store is null ? null : await store.GetAsync(reference, cancellationToken);
        var sameConversation = report is not null && report.ConversationId.Length > 0 && report.ConversationId == turn.Activity.Conversation?.Id;
        if (report is null || !(sameConversation || FaultReportAccessCode.Matches(report.AccessCode, code)))
        {
            await SendAsync(turn, string.Format(CultureInfo.InvariantCulture, FaultReportMessages.CannotSeeReport.For(language), reference), language, [], cancellationToken);
            return;
        }
        var culture = language.Culture();
        var received = TimeZoneInfo.ConvertTime(report.CreatedAt, Stockholm).ToString("d MMMM yyyy", culture);
        var status = FaultReportMessages.StatusNames.TryGetValue(report.Status, out var name) ? name.For(language) : report.Status;
        var text = string.Format(culture, FaultReportMessages.Status.For(language),
            report.Reference, FaultCategories.ByCode(report.Category).Name.For(language), report.Location, received, status);
        if (report.StatusComment is { Length: > 0 } comment)
        {
            text += "\n\n" + string.Format(culture, FaultReportMessages.StatusComment.For(language), comment);
        }
        await SendAsync(turn, text, language, [], cancellationToken);
    }

    /// <summary>The first image the resident attached that the host stored itself (web upload or Messenger photo); never an outside address.</summary>
    private static async Task<string?> PhotoUrlAsync(Activity activity, IOwnPhotos? photos, CancellationToken cancellationToken)
    {
        if (photos is null || activity.Conversation?.Id is not { Length: > 0 } conversationId)
        {
            return null;
        }
        foreach (var attachment in activity.Attachments ?? [])
        {
            if (attachment.ContentUrl is { Length: > 0 } && attachment.ContentType?.StartsWith("image", StringComparison.OrdinalIgnoreCase) == true
                && await photos.AcceptAsync(attachment, conversationId, cancellationToken) is { } url)
            {
                return url;
            }
        }
        return null;
    }

    private static Task<string> SendAsync(ITurnContext turn, string text, Language language, IReadOnlyList<LocalizedText> buttons, CancellationToken cancellationToken)
    {
        var reply = Main.LanguageReply.Create(turn.Activity, text, language);
        if (buttons.Count > 0)
        {
            reply = reply with { SuggestedActions = new SuggestedActions { Actions = buttons.Select(b => CardAction.ImBack(b.For(language))).ToList() } };
        }
        return turn.SendActivityAsync(reply, cancellationToken);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(nej|nä|no|nope|fel|wrong)\b[\s,.:!-]*", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex NoWord();
}
