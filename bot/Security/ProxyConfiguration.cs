using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Bot.Security;

/// <summary>
/// The bot behind a reverse proxy: <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed only
/// from the proxies in <c>ForwardedHeaders:KnownProxies</c> (addresses) and <c>ForwardedHeaders:KnownNetworks</c>
/// (CIDR ranges), besides loopback. Then rate limits and the sign-in throttle see each resident's own
/// address, and cookies are Secure when the resident's connection is HTTPS. From anyone else the headers are ignored.
/// </summary>
internal static class ProxyConfiguration
{
    public const string SectionName = "ForwardedHeaders";

    public static IServiceCollection AddProxyConfiguration(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        var problems = new List<string>();
        var proxies = new List<IPAddress>();
        foreach (var value in section.GetSection("KnownProxies").Get<string[]>() ?? [])
        {
            if (IPAddress.TryParse(value.Trim(), out var address))
            {
                proxies.Add(address);
            }
            else
            {
                problems.Add($"{SectionName}:KnownProxies: '{value}' is not an IP address");
            }
        }
        var networks = new List<System.Net.IPNetwork>();
        foreach (var value in section.GetSection("KnownNetworks").Get<string[]>() ?? [])
        {
            if (System.Net.IPNetwork.TryParse(value.Trim(), out var network))
            {
                networks.Add(network);
            }
            else
            {
                problems.Add($"{SectionName}:KnownNetworks: '{value}' is not a network in CIDR notation (e.g. 10.0.0.0/8)");
            }
        }
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The reverse proxy settings are not valid:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
        }
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Loopback (a proxy on the same machine) is trusted by default; the configured proxies are added.
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }
            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }
            // Every hop from a known proxy is followed back to the first address that is not one: the client.
            options.ForwardLimit = null;
        });
        return services;
    }
}
