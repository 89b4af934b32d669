using YamlDotNet.RepresentationModel;

namespace Knowledge.Content;

/// <summary>Reads messages.yaml: the fixed messages in the translated languages (see content/README.md).</summary>
internal static class MessageFileReader
{
    public const string FileName = "messages.yaml";

    public static IReadOnlyDictionary<string, MessageTranslation> Read(string path, string display, List<ContentProblem> problems)
    {
        var result = new Dictionary<string, MessageTranslation>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return result;
        }
        var yaml = new YamlFile(display, problems);
        var root = yaml.LoadRoot(path);
        if (root is null)
        {
            return result;
        }
        if (yaml.Field(root, "messages") is not YamlMappingNode messages)
        {
            yaml.Problem(YamlFile.Line(root), "the file needs a mapping `messages:` (key: texts per language)");
            return result;
        }
        foreach (var (keyNode, value) in messages.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (value is not YamlMappingNode texts)
            {
                yaml.Problem(YamlFile.Line(keyNode), $"`{key}` needs one text per language (fi: …, ar: …)");
                continue;
            }
            var translations = new Dictionary<Language, string>();
            var reviewed = new HashSet<Language>();
            foreach (var (languageNode, textNode) in texts.Children)
            {
                var code = (languageNode as YamlScalarNode)?.Value ?? "";
                if (code == "reviewed")
                {
                    if (textNode is YamlSequenceNode list)
                    {
                        foreach (var item in list.OfType<YamlScalarNode>())
                        {
                            if (LanguageCodes.TranslatedFromCode(item.Value) is { } done)
                            {
                                reviewed.Add(done);
                            }
                            else
                            {
                                yaml.Problem(YamlFile.Line(item), $"`reviewed` of `{key}` lists `{item.Value}`, which is not a translated language");
                            }
                        }
                    }
                    else
                    {
                        yaml.Problem(YamlFile.Line(textNode), $"`reviewed` of `{key}` must be a list of language codes, e.g. [fi, ar]");
                    }
                    continue;
                }
                if (LanguageCodes.TranslatedFromCode(code) is not { } language)
                {
                    yaml.Problem(YamlFile.Line(languageNode), $"`{key}` has an unknown language `{code}` (use {string.Join(", ", LanguageCodes.Translations.Select(l => l.Code()))}; Swedish and English are in the code)");
                    continue;
                }
                if (textNode is YamlScalarNode { Value: { } text } && !string.IsNullOrWhiteSpace(text))
                {
                    translations[language] = text;
                }
                else
                {
                    yaml.Problem(YamlFile.Line(textNode), $"the `{code}` text of `{key}` is empty");
                }
            }
            result[key] = new MessageTranslation(translations, reviewed, new SourceLocation(display, YamlFile.Line(keyNode)));
        }
        return result;
    }
}
