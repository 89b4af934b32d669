using System.Text.Json;
using Understanding.Decisions;

namespace Understanding.Models;

/// <summary>
/// The trained models and the thresholds chosen for them, as `knowledge train` stores them
/// (knowledge/models): intent.zip, answer.zip, router.zip and manifest.json. The manifest records which
/// corpus they were trained on, so a bot that finds a newer corpus knows to retrain.
/// </summary>
public sealed record ModelSet(IntentModel Intents, AnswerModel Answers, RouterModel Router, ModelManifest Manifest)
{
    public const string ManifestFile = "manifest.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public Thresholds Thresholds => Manifest.Thresholds;

    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        // Written beside the final names and moved in place, so a reader never sees half a model set.
        var staging = Path.Combine(directory, ".staging-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        try
        {
            Intents.Classifier.Save(Path.Combine(staging, IntentModel.FileName));
            Answers.Save(Path.Combine(staging, AnswerModel.FileName));
            Router.Save(Path.Combine(staging, RouterModel.FileName));
            File.WriteAllText(Path.Combine(staging, ManifestFile), JsonSerializer.Serialize(Manifest, Json) + "\n");
            foreach (var file in new[] { IntentModel.FileName, AnswerModel.FileName, RouterModel.FileName, ManifestFile })
            {
                File.Move(Path.Combine(staging, file), Path.Combine(directory, file), overwrite: true);
            }
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>The model set in <paramref name="directory"/>, or null when there is none (or one of an older format).</summary>
    public static ModelSet? Load(string directory)
    {
        var manifest = Path.Combine(directory, ManifestFile);
        if (!File.Exists(manifest))
        {
            return null;
        }
        var read = JsonSerializer.Deserialize<ModelManifest>(File.ReadAllText(manifest), Json)!;
        if (read.Version != ModelManifest.CurrentVersion)
        {
            return null;
        }
        return new ModelSet(
            new IntentModel(TextClassifier.Load(Path.Combine(directory, IntentModel.FileName))),
            AnswerModel.Load(Path.Combine(directory, AnswerModel.FileName)),
            RouterModel.Load(Path.Combine(directory, RouterModel.FileName)),
            read);
    }
}

/// <summary>
/// What a model set was trained on and how it did: the corpus fingerprint (training and
/// validation lines), the thresholds chosen on the validation part, and the validation figures.
/// </summary>
public sealed record ModelManifest(
    int Version,
    string CorpusFingerprint,
    int TrainingMessages,
    int ValidationMessages,
    Thresholds Thresholds,
    IReadOnlyList<string> Validation)
{
    /// <summary>Raised when the features or the training change, so that older model files are retrained.</summary>
    public const int CurrentVersion = 3;
}
