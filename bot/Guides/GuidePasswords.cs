namespace Bot.Guides;

/// <summary>
/// Checks and changes guides' passwords. The hash in use is the configured one, or the one stored for the
/// guide when it replaces exactly that configured hash (<see cref="StoredGuidePassword"/>). A hash made
/// with fewer than <see cref="GuidePasswordHasher.DefaultIterations"/> iterations is replaced by a new
/// one at the current cost on the next successful sign-in.
/// </summary>
internal sealed class GuidePasswords(GuideAccountStore accounts, IGuidePasswordStore store, TimeProvider clock)
{
    /// <summary>The account when the password is right; takes about as long whether or not the user exists.</summary>
    public async Task<GuideAccount?> VerifyAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var account = accounts.Find(userName);
        var hash = account is null ? GuideAccountStore.UnknownUserHash : await HashInUseAsync(account, cancellationToken);
        if (!GuidePasswordHasher.Verify(password, hash) || account is null)
        {
            return null;
        }
        if (GuidePasswordHasher.NeedsRehash(hash))
        {
            await SaveAsync(account, password, cancellationToken);
        }
        return account;
    }

    /// <summary>Sets a new password when the current one is right; false (nothing changed) otherwise.</summary>
    public async Task<bool> ChangeAsync(GuideAccount account, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        if (!GuidePasswordHasher.Verify(currentPassword, await HashInUseAsync(account, cancellationToken)))
        {
            return false;
        }
        await SaveAsync(account, newPassword, cancellationToken);
        return true;
    }

    private async Task<string> HashInUseAsync(GuideAccount account, CancellationToken cancellationToken) =>
        await store.FindAsync(account.UserName, cancellationToken) is { } stored && stored.Replaces == GuideClaims.StampOf(account)
            ? stored.PasswordHash
            : account.PasswordHash;

    private Task SaveAsync(GuideAccount account, string password, CancellationToken cancellationToken) =>
        store.SaveAsync(account.UserName, new StoredGuidePassword(GuideClaims.StampOf(account), GuidePasswordHasher.Hash(password), clock.GetUtcNow()), cancellationToken);
}
