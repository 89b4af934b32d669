using Knowledge.Analysis;
using Knowledge.Content;

namespace Knowledge.Tests;

public class TranslationTests
{
    private const string TranslatedEntry = """
        topic: bibliotek
        entries:
          - id: lib-card
            question: Hur skaffar jag bibliotekskort?
            alternatives:
              - Var får jag lånekort?
            questions_en:
              - How do I get a library card?
            questions_fi:
              - Mistä saan kirjastokortin?
            answer:
              sv: Ta med legitimation till valfritt bibliotek.
              en: Bring ID to any library.
              fi: Ota henkilöllisyystodistus mukaan mihin tahansa kirjastoon.
              ar: أحضر بطاقة هوية إلى أي مكتبة.
            reviewed: [fi]
            source: https://goteborg.se/bibliotek
        """;

    [Fact]
    public void Load_TranslatedEntry_ReadsTextsQuestionsAndReviewedPerLanguage()
    {
        var result = ContentLoader.Load(ContentFolder.Create(new Dictionary<string, string> { ["entries/bibliotek.yaml"] = TranslatedEntry }));

        Assert.Empty(result.Problems);
        var entry = Assert.Single(result.Knowledge!.Entries);
        Assert.Equal("Ota henkilöllisyystodistus mukaan mihin tahansa kirjastoon.", entry.Answer.For(Language.Finnish));
        Assert.Equal("أحضر بطاقة هوية إلى أي مكتبة.", entry.Answer.For(Language.Arabic));
        Assert.False(entry.Answer.IsUnreviewedTranslation(Language.Finnish));
        Assert.True(entry.Answer.IsUnreviewedTranslation(Language.Arabic));
        // No Somali text: the Swedish original, which is not a translation.
        Assert.Equal("Ta med legitimation till valfritt bibliotek.", entry.Answer.For(Language.Somali));
        Assert.False(entry.Answer.IsUnreviewedTranslation(Language.Somali));
        Assert.Equal(["Mistä saan kirjastokortin?"], entry.QuestionsIn(Language.Finnish));
        Assert.Equal(entry.SwedishQuestions, entry.QuestionsIn(Language.EasySwedish));
    }

    [Theory]
    [InlineData("      de: Bringen Sie einen Ausweis.\n", "unknown language `de`")]
    [InlineData("    reviewed: [xx]\n", "`reviewed` of `lib-card` lists `xx`")]
    public void Load_UnknownLanguageOrReviewedCode_IsAProblemWithItsLine(string extra, string expected)
    {
        var text = TranslatedEntry.Replace("    reviewed: [fi]\n", "").Replace("      ar: أحضر بطاقة هوية إلى أي مكتبة.\n", "      ar: أحضر بطاقة هوية إلى أي مكتبة.\n" + (extra.StartsWith("      ", StringComparison.Ordinal) ? extra : ""));
        if (!extra.StartsWith("      ", StringComparison.Ordinal))
        {
            text = text.Replace("    source:", extra + "    source:");
        }
        var result = ContentLoader.Load(ContentFolder.Create(new Dictionary<string, string> { ["entries/bibliotek.yaml"] = text }));

        Assert.Contains(result.Problems, p => p.Message.Contains(expected, StringComparison.Ordinal) && p.File == "entries/bibliotek.yaml");
    }

    [Fact]
    public void TranslationReport_NamesUnknownKeysAndPlaceholdersThatDoNotFit_AndCountsCoverage()
    {
        var folder = ContentFolder.Create(new Dictionary<string, string>
        {
            ["entries/bibliotek.yaml"] = TranslatedEntry,
            ["messages.yaml"] = """
                messages:
                  Test.Queued:
                    fi: "Olet jonossa sijalla {0}."
                    ar: "أنت في الطابور."
                    reviewed: [fi]
                  Test.Gone:
                    fi: "Poistettu"
                """,
        });
        var knowledge = ContentLoader.Load(folder).Knowledge!;
        var messages = new Dictionary<string, LocalizedText> { ["Test.Queued"] = new("Du står i kö som nummer {0}.", "You are number {0} in the queue.") };

        var problems = TranslationReport.Problems(knowledge, messages);

        Assert.Contains(problems, p => p.Message.Contains("`Test.Gone` is not a message", StringComparison.Ordinal) && p.File == "messages.yaml");
        Assert.Contains(problems, p => p.Message.Contains("the `ar` text of `Test.Queued` must use the same placeholders", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Message.Contains("the `fi` text", StringComparison.Ordinal));

        var coverage = TranslationReport.Coverage(knowledge, messages);
        var finnish = coverage.Single(c => c.Language == Language.Finnish);
        Assert.Equal((1, 1, 1, 1, 1), (finnish.EntriesTranslated, finnish.EntriesReviewed, finnish.EntriesWithQuestions, finnish.MessagesTranslated, finnish.MessagesReviewed));
        var arabic = coverage.Single(c => c.Language == Language.Arabic);
        // The Arabic message lost its {0}: it does not count, and the bot shows the Swedish text instead.
        Assert.Equal((1, 0, 0, 0), (arabic.EntriesTranslated, arabic.EntriesReviewed, arabic.EntriesWithQuestions, arabic.MessagesTranslated));
        Assert.Contains(arabic.Missing, m => m.Contains("questions_ar of `lib-card`", StringComparison.Ordinal));
        Assert.Contains(arabic.Missing, m => m.Contains("message `Test.Queued`", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ShippedContent_HasEveryAnswerInEveryLanguage()
    {
        var knowledge = ContentLoader.Load(ContentFolder.Shipped()).Knowledge!;

        foreach (var language in LanguageCodes.Translations)
        {
            Assert.All(knowledge.Entries, e => Assert.True(e.Answer.Has(language) && e.Periods.All(p => p.Answer.Has(language)), $"{e.Id} has no {language.Code()} answer"));
        }
        Assert.NotEmpty(knowledge.Messages);
    }

    [Theory]
    [InlineData("Miten haen päiväkotipaikkaa lapselleni?", Language.Finnish)]
    [InlineData("Maksaako kirjastokortti?", Language.Finnish)]
    [InlineData("كيف أحصل على بطاقة مكتبة؟", Language.Arabic)]
    [InlineData("چطور کارت کتابخانه بگیرم؟", Language.Persian)]
    [InlineData("Sidee baan u helaa kaarka maktabadda?", Language.Somali)]
    [InlineData("kif bsajel ibni bl förskola?", Language.Arabic)]
    [InlineData("chetor mishe baraye pesaram forskola begiram?", Language.Persian)]
    [InlineData("Hur skaffar jag ett bibliotekskort?", Language.Swedish)]
    [InlineData("How do I get a library card?", Language.English)]
    public void LanguageDetector_TellsTheServedLanguages(string text, Language expected)
    {
        Assert.Equal(expected, LanguageDetector.Identify(text).Language);
    }

    [Theory]
    [InlineData("Wo bekomme ich einen Bibliotheksausweis? Ich spreche kein Schwedisch.")]
    [InlineData("¿Dónde puedo conseguir una tarjeta de la biblioteca?")]
    [InlineData("Где можно получить читательский билет?")]
    [InlineData("ካርድ ቤተ መጻሕፍቲ ከመይ ይርከብ?")]
    public void LanguageDetector_LanguagesWeDoNotServe_AreUnsupported(string text)
    {
        Assert.True(LanguageDetector.Identify(text).Unsupported);
    }

    [Theory]
    [InlineData("anna@example.se")]
    [InlineData("Valhallabadet")]
    [InlineData("070-123 45 67")]
    public void LanguageDetector_NoRealEvidence_KeepsTheConversationLanguage(string text)
    {
        Assert.Equal(Language.Finnish, LanguageDetector.Detect(text, Language.Finnish));
    }
}
