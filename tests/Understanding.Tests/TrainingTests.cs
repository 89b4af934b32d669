using Understanding.Corpus;
using Understanding.Training;

namespace Understanding.Tests;

/// <summary>Models trained once on a <see cref="SmallKnowledge"/>, shared by the training tests.</summary>
public sealed class SmallModels : IDisposable
{
    public SmallModels()
    {
        Result = Trainer.Run(Small.Knowledge.Current, Small.Training, _ => { }, effort: TrainingEffort.Quick);
        Result.Models!.Save(Small.Models);
    }

    internal SmallKnowledge Small { get; } = new();

    public TrainingResult Result { get; }

    /// <summary>A fresh small knowledge folder (to edit) with these models in it.</summary>
    internal SmallKnowledge CopyWithModels()
    {
        var copy = new SmallKnowledge();
        Directory.CreateDirectory(copy.Models);
        foreach (var file in Directory.GetFiles(Small.Models))
        {
            File.Copy(file, Path.Combine(copy.Models, Path.GetFileName(file)));
        }
        return copy;
    }

    public void Dispose() => Small.Dispose();
}

/// <summary>Training is deterministic, and edits of the corpus and the knowledge reach a running bot's understanding.</summary>
public sealed class TrainingTests(SmallModels trained) : IClassFixture<SmallModels>
{
    [Fact]
    public void Training_TwiceOnTheSameCorpus_GivesTheSameModels()
    {
        var small = trained.Small;
        var first = trained.Result;
        var second = Trainer.Run(small.Knowledge.Current, small.Training, _ => { }, effort: TrainingEffort.Quick);

        Assert.Empty(first.Problems);
        Assert.Equal(first.Models!.Manifest.Thresholds, second.Models!.Manifest.Thresholds);
        Assert.Equal(first.Models.Manifest.Validation, second.Models.Manifest.Validation);
        second.Models.Save(Path.Combine(small.Root, "second"));
        var one = new UnderstandingProvider(small.Knowledge, small.Training, small.Models).Current!;
        var two = new UnderstandingProvider(small.Knowledge, small.Training, Path.Combine(small.Root, "second")).Current!;
        foreach (var text in new[] { "kan jag låna böcker utan lånekort", "boendeparkering pris?", "min pappa andas inte", "hej!" })
        {
            var a = one.Understand(text, Knowledge.Language.Swedish);
            var b = two.Understand(text, Knowledge.Language.Swedish);
            Assert.Equal(a.Candidates.Select(c => (c.Entry.Id, c.Probability)), b.Candidates.Select(c => (c.Entry.Id, c.Probability)));
            Assert.Equal(a.Routes.Probabilities.OrderBy(p => p.Key).ToList(), b.Routes.Probabilities.OrderBy(p => p.Key).ToList());
        }
    }

    [Fact]
    public async Task ACorpusEdit_IsAnExampleAtOnce_AndRetrainsTheModels()
    {
        using var small = trained.CopyWithModels();
        var provider = new UnderstandingProvider(small.Knowledge, small.Training, small.Models) { Effort = TrainingEffort.Quick };
        // A local nickname nobody in the corpus uses: the edit must make the book bus nearer than before.
        const string wording = "när kommer Snurran till Hisingsbacka nästa gång";
        var before = provider.Current!.Understand(wording, Knowledge.Language.Swedish).Evidence.Examples
            .Where(e => e.Label == "lib-bookbus").Select(e => e.Score).DefaultIfEmpty(0f).Max();

        await File.AppendAllTextAsync(small.TrainFile,
            $$"""{"text": "{{wording}}", "lang": "sv", "intent": "question", "entry": "lib-bookbus", "tags": [], "writer": "editor"}""" + "\n",
            TestContext.Current.CancellationToken);
        provider.Refresh();

        var nearest = provider.Current!.Understand(wording, Knowledge.Language.Swedish).Evidence.Examples[0];
        Assert.Equal("lib-bookbus", nearest.Label);
        Assert.True(nearest.Score > before + 0.05f, $"the book bus scored {before} before the edit and {nearest.Score} after");
        await provider.Retraining.WaitAsync(TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
        Assert.Equal(CorpusReader.Fingerprint(small.Training), provider.Manifest!.CorpusFingerprint);
        Assert.Equal(CorpusReader.Fingerprint(small.Training), Models.ModelSet.Load(small.Models)!.Manifest.CorpusFingerprint);
    }

    [Fact]
    public void AKnowledgeEdit_ReachesTheExamplesOnReload()
    {
        using var small = trained.CopyWithModels();
        var provider = new UnderstandingProvider(small.Knowledge, small.Training, small.Models);
        small.Knowledge.Reloaded += _ => provider.Refresh();
        const string wording = "var ställer man barnvagnen på stadsbiblioteket";
        var file = Path.Combine(small.Knowledge.ContentDirectory, "entries", "bibliotek.yaml");
        var text = File.ReadAllText(file);
        var anchor = "  - id: lib-stadsbiblioteket\n    question: Var ligger Stadsbiblioteket?\n    alternatives:\n";
        Assert.Contains(anchor, text, StringComparison.Ordinal);
        File.WriteAllText(file, text.Replace(anchor, anchor + "      - " + wording + "\n", StringComparison.Ordinal));

        Assert.Empty(small.Knowledge.Reload());

        Assert.Equal("lib-stadsbiblioteket", provider.Current!.Understand(wording, Knowledge.Language.Swedish).Evidence.Examples[0].Label);
    }
}
