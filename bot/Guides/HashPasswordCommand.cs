using System.Text;

namespace Bot.Guides;

/// <summary>
/// <c>dotnet run --project bot -- hash-password [password]</c>: prints a hash for <c>Guides:Accounts:N:PasswordHash</c>.
/// Asks for the password (twice, without echo) in a terminal, reads one line when input is redirected, or takes the first argument.
/// </summary>
internal static class HashPasswordCommand
{
    public const int MinPasswordLength = 8;

    public static int Run(string[] args) =>
        Run(args, Console.In, Console.Out, Console.Error, Console.IsInputRedirected ? null : ReadHidden);

    /// <param name="readHidden">Prompts and reads a password without echo; null when input is not a terminal.</param>
    internal static int Run(string[] args, TextReader input, TextWriter output, TextWriter error, Func<string, TextWriter, string?>? readHidden)
    {
        if (args is ["-h" or "--help" or "-?", ..])
        {
            error.WriteLine("Usage: dotnet run --project bot -- hash-password [password]");
            error.WriteLine("Prints a PBKDF2-SHA256 hash for Guides:Accounts:N:PasswordHash. Without an argument the password is read");
            error.WriteLine("from the terminal (not shown) or, when input is redirected, from the first line of standard input.");
            return 0;
        }

        string? password;
        if (args.Length > 0)
        {
            password = args[0];
            error.WriteLine("Note: a password on the command line can end up in the shell history; run without it to be asked instead.");
        }
        else if (readHidden is not null)
        {
            password = readHidden("Password: ", error);
            if (password is not null && readHidden("Repeat the password: ", error) != password)
            {
                error.WriteLine("The passwords differ; nothing was hashed.");
                return 1;
            }
        }
        else
        {
            password = input.ReadLine();
        }

        if (string.IsNullOrEmpty(password) || password.Length < MinPasswordLength)
        {
            error.WriteLine($"The password must have at least {MinPasswordLength} characters.");
            return 1;
        }
        if (password.Length > GuideSignInEndpoints.MaxPasswordLength)
        {
            error.WriteLine($"The password must have at most {GuideSignInEndpoints.MaxPasswordLength} characters.");
            return 1;
        }
        output.WriteLine(GuidePasswordHasher.Hash(password));
        error.WriteLine("Set it as Guides:Accounts:<n>:PasswordHash in an environment variable (Guides__Accounts__0__PasswordHash) or with");
        error.WriteLine("dotnet user-secrets; never in appsettings.json. Quote it in a shell: it contains '$'.");
        return 0;
    }

    private static string? ReadHidden(string prompt, TextWriter error)
    {
        error.Write(prompt);
        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }
            if (key.Key == ConsoleKey.Backspace)
            {
                if (password.Length > 0)
                {
                    password.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }
        error.WriteLine();
        return password.ToString();
    }
}
