namespace Bot.Uploads;

/// <summary>Limits of residents' uploads (configuration section "Uploads").</summary>
internal sealed class UploadOptions
{
    public const string SectionName = "Uploads";
    private const long Megabyte = 1024 * 1024;

    /// <summary>The largest single file (checked while it streams in).</summary>
    public long MaxFileBytes { get; init; } = 10 * Megabyte;

    /// <summary>Files in one upload (one activity).</summary>
    public int MaxFilesPerActivity { get; init; } = 3;

    /// <summary>All files of one conversation together.</summary>
    public long MaxBytesPerConversation { get; init; } = 30 * Megabyte;

    /// <summary>Bytes one client address may upload in an hour (all its conversations).</summary>
    public long MaxBytesPerHour { get; init; } = 100 * Megabyte;

    /// <summary>Bytes all residents together may upload in an hour: the disk that also holds the database never fills up.</summary>
    public long MaxTotalBytesPerHour { get; init; } = 2048 * Megabyte;

    /// <summary>How long a download link in a chat or the guide API stays valid.</summary>
    public int LinkHours { get; init; } = 24;

    public TimeSpan LinkLifetime => TimeSpan.FromHours(Math.Max(1, LinkHours));

    public static string Size(long bytes) =>
        bytes >= Megabyte && bytes % Megabyte == 0 ? $"{bytes / Megabyte} MB" : bytes >= Megabyte ? $"{bytes / (double)Megabyte:0.#} MB" : $"{bytes / 1024} KB";
}
