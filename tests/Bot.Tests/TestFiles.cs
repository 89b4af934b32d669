namespace Bot.Tests;

/// <summary>Small real files for upload tests.</summary>
internal static class TestFiles
{
    /// <summary>A 1×1 PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

    /// <summary>The smallest PDF that starts like one.</summary>
    public static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

    /// <summary>An SVG that runs a script when opened: what an attacker uploads as a "photo".</summary>
    public static readonly byte[] Svg = """
        <svg xmlns="http://www.w3.org/2000/svg"><script>fetch('/api/alerts',{method:'POST'})</script></svg>
        """u8.ToArray();
}
