using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dialogs.Protocol;

/// <summary>JSON settings of the Activity protocol: camelCase out, any casing in, nulls omitted.</summary>
public static class ActivityJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNameCaseInsensitive = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static string Serialize(Activity activity) => JsonSerializer.Serialize(activity, Options);

    public static Activity? Deserialize(string json) => JsonSerializer.Deserialize<Activity>(json, Options);
}
