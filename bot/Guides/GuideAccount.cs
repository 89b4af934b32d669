namespace Bot.Guides;

/// <summary>A service guide who may sign in to the console and the guide API.</summary>
/// <param name="UserName">The sign-in name (compared without regard to case).</param>
/// <param name="DisplayName">The name residents see on the guide's messages.</param>
/// <param name="PasswordHash">A hash made by <c>hash-password</c> (<see cref="GuidePasswordHasher"/>).</param>
/// <param name="Groups">The queues (groups) the guide works in.</param>
/// <param name="IsAdmin">May see and end other guides' sessions (<c>Guides:Accounts:N:Admin</c>).</param>
internal sealed record GuideAccount(string UserName, string DisplayName, string PasswordHash, IReadOnlyList<string> Groups, bool IsAdmin = false);
