namespace Bot.Uploads;

/// <summary>
/// A kind of file residents may upload, recognized by its first bytes ("magic bytes"), never by its
/// name or the type the client declares: JPEG, PNG, WebP, HEIC/HEIF (phone photos) and PDF.
/// </summary>
/// <param name="Inline">A raster image browsers show safely in place; everything else is served as a download.</param>
internal sealed record UploadKind(string ContentType, string Extension, bool Inline)
{
    public static readonly UploadKind Jpeg = new("image/jpeg", "jpg", true);
    public static readonly UploadKind Png = new("image/png", "png", true);
    public static readonly UploadKind WebP = new("image/webp", "webp", true);
    public static readonly UploadKind Heic = new("image/heic", "heic", false);
    public static readonly UploadKind Heif = new("image/heif", "heif", false);
    public static readonly UploadKind Pdf = new("application/pdf", "pdf", false);

    public static readonly IReadOnlyList<UploadKind> All = [Jpeg, Png, WebP, Heic, Heif, Pdf];

    /// <summary>How many leading bytes <see cref="Detect"/> needs.</summary>
    public const int SniffLength = 16;

    /// <summary>What people are told they may send.</summary>
    public const string Allowed = "photos (JPEG, PNG, HEIC, WebP) and PDF documents";

    private static readonly HashSet<string> HeicBrands = ["heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs"];
    private static readonly HashSet<string> HeifBrands = ["mif1", "msf1"];

    /// <summary>The kind of a file from its first bytes; null for anything else (SVG, HTML, scripts, archives …).</summary>
    public static UploadKind? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return Jpeg;
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return WebP;
        }
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = System.Text.Encoding.ASCII.GetString(head[8..12]);
            return HeicBrands.Contains(brand) ? Heic : HeifBrands.Contains(brand) ? Heif : null;
        }
        return head.StartsWith("%PDF-"u8) ? Pdf : null;
    }

    public static UploadKind? FromExtension(string extension) => All.FirstOrDefault(k => k.Extension == extension);
}
