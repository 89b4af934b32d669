using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Bot.Privacy;
using Bot.Security;

namespace Bot.Uploads;

/// <summary>Which limit an upload hit, and the message the client gets.</summary>
internal sealed record QuotaProblem(int StatusCode, string Message, TimeSpan? RetryAfter);

/// <summary>
/// The upload limits as counters: bytes per conversation (as long as the conversation is kept), per
/// client address and clock hour, and for everyone per clock hour. Addresses are counted under a keyed
/// hash, so no IP address is stored.
/// </summary>
internal sealed class UploadQuota(IUploadQuotaStore store, UploadOptions options, PrivacyOptions privacy, SigningKeys keys, TimeProvider clock)
{
    private const string ConversationPrefix = "conversation:";
    private const string AddressPrefix = "address:";
    private const string Everyone = "all";

    public IReadOnlyList<QuotaCounter> CountersFor(string conversationId, string clientAddress)
    {
        var now = clock.GetUtcNow();
        var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        return
        [
            new QuotaCounter(ConversationPrefix + conversationId, DateTimeOffset.UnixEpoch, now.AddDays(privacy.RetentionDays), options.MaxBytesPerConversation),
            new QuotaCounter(AddressPrefix + Pseudonym(clientAddress), hour, hour.AddHours(1), options.MaxBytesPerHour),
            new QuotaCounter(Everyone, hour, hour.AddHours(1), options.MaxTotalBytesPerHour),
        ];
    }

    /// <summary>How many more bytes the counters allow now.</summary>
    public async Task<long> RemainingAsync(IReadOnlyList<QuotaCounter> counters, CancellationToken cancellationToken)
    {
        var used = await store.UsedAsync(counters, cancellationToken);
        return counters.Select((c, i) => Math.Max(0, c.Limit - used[i])).Min();
    }

    /// <summary>Counts the bytes, or says which limit they would break (nothing is counted then).</summary>
    public async Task<QuotaProblem?> TryUseAsync(IReadOnlyList<QuotaCounter> counters, long bytes, CancellationToken cancellationToken) =>
        await store.TryAddAsync(counters, bytes, cancellationToken) is { } full ? Problem(full) : null;

    /// <summary>The message for the first counter that has less than <paramref name="bytes"/> left.</summary>
    public async Task<QuotaProblem> ProblemAsync(IReadOnlyList<QuotaCounter> counters, long bytes, CancellationToken cancellationToken)
    {
        var used = await store.UsedAsync(counters, cancellationToken);
        var full = counters.Where((c, i) => used[i] + bytes > c.Limit).DefaultIfEmpty(counters[0]).First();
        return Problem(full);
    }

    private QuotaProblem Problem(QuotaCounter counter)
    {
        if (counter.Key.StartsWith(ConversationPrefix, StringComparison.Ordinal))
        {
            return new QuotaProblem(StatusCodes.Status413PayloadTooLarge,
                $"This conversation has reached its upload limit of {UploadOptions.Size(counter.Limit)}.", null);
        }
        var retryAfter = counter.ExpiresAt - clock.GetUtcNow();
        return counter.Key == Everyone
            ? new QuotaProblem(StatusCodes.Status503ServiceUnavailable, "Uploads are paused for the rest of the hour: too much has been uploaded. Try again later.", retryAfter)
            : new QuotaProblem(StatusCodes.Status429TooManyRequests,
                $"The upload limit of {UploadOptions.Size(counter.Limit)} per hour is reached. Try again later.", retryAfter);
    }

    private string Pseudonym(string address) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(keys.For(KeyPurposes.ClientAddress), Encoding.UTF8.GetBytes(address)).AsSpan(0, 16));
}
