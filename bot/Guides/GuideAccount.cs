namespace Bot.Guides;

/// <summary>A service guide who may sign in to the console and the guide API.</summary>
/// <param name="UserName">The sign-in name (compared without regard to case).</param>
/// <param name="DisplayName">The name residents see on the guide's messages.</param>
/// <param name="PasswordHash">A hash made by <c>hash-password</c> (<see cref="GuidePasswordHasher"/>).</param>
/// <param name="Groups">The queues (groups) the guide works in.</param>
/// <param name="IsAdmin">May see and end other guides' sessions (<c>Guides:Accounts:N:Admin</c>).</param>
/// <param name="Languages">The codes of the languages the guide serves residents in besides Swedish and English (<c>Guides:Accounts:N:Languages</c>).</param>
internal sealed record GuideAccount(string UserName, string DisplayName, string PasswordHash, IReadOnlyList<string> Groups, bool IsAdmin = false, IReadOnlyList<string>? Languages = null)
{
    /// <summary>Languages every guide serves residents in: Swedish, English and easy Swedish.</summary>
    public static readonly IReadOnlySet<string> Common = new HashSet<string>(StringComparer.Ordinal) { "sv", "en", "sv-easy" };

    /// <summary>True when the guide can chat with a resident in the language with this code.</summary>
    public bool Speaks(string languageCode) => Common.Contains(languageCode) || (Languages?.Contains(languageCode, StringComparer.Ordinal) ?? false);
}
