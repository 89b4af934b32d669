using System.Security.Cryptography;
using Dialogs.Protocol;

namespace Bot.Channels.Connector;

/// <summary>
/// Validates the JWT that Azure Bot Service sends with each activity (design/protocols.md §4.1):
/// RS256 signature by a Bot Framework key, issuer, audience = our app id, lifetime with 5 minutes'
/// skew, the <c>serviceurl</c> claim equal to the activity's serviceUrl, and the key endorsed for
/// the activity's channel. Returns why it failed, or null when the request is authentic.
/// </summary>
internal sealed class ConnectorAuthenticator(ConnectorOptions options, ConnectorSigningKeys keys, ConnectorClock clock)
{
    public async Task<string?> ValidateAsync(string? authorization, Activity activity, CancellationToken cancellationToken)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return "no bearer token";
        }
        if (ConnectorJwt.Parse(authorization["Bearer ".Length..].Trim()) is not { } jwt)
        {
            return "malformed token";
        }
        if (Hash(jwt.Algorithm) is not { } hash)
        {
            return $"algorithm {jwt.Algorithm} not allowed";
        }
        if (jwt.KeyId is null || await keys.FindAsync(jwt.KeyId, cancellationToken) is not { } key)
        {
            return "unknown signing key";
        }
        using (var rsa = RSA.Create(key.Parameters))
        {
            if (!rsa.VerifyData(jwt.SignedData, jwt.Signature, hash, RSASignaturePadding.Pkcs1))
            {
                return "bad signature";
            }
        }
        if (jwt.String("iss") != ConnectorOptions.Issuer)
        {
            return "wrong issuer";
        }
        if (!jwt.Audiences().Contains(options.AppId, StringComparer.Ordinal))
        {
            return "wrong audience";
        }
        var now = clock.Now;
        if (jwt.Time("exp") is not { } expires || now > expires + ConnectorOptions.ClockSkew)
        {
            return "expired";
        }
        if (jwt.Time("nbf") is { } notBefore && now < notBefore - ConnectorOptions.ClockSkew)
        {
            return "not yet valid";
        }
        var serviceUrl = jwt.String("serviceurl") ?? jwt.String("serviceUrl");
        if (serviceUrl is null || !string.Equals(serviceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return "serviceurl claim does not match the activity";
        }
        if (!key.Endorsements.Contains(activity.ChannelId, StringComparer.OrdinalIgnoreCase))
        {
            return "signing key not endorsed for the channel";
        }
        return null;
    }

    private static HashAlgorithmName? Hash(string algorithm) => algorithm switch
    {
        "RS256" => HashAlgorithmName.SHA256,
        "RS384" => HashAlgorithmName.SHA384,
        "RS512" => HashAlgorithmName.SHA512,
        _ => null,
    };
}
