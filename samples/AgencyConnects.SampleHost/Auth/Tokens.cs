using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AgencyConnects.SampleHost.Auth;

/// <summary>
/// Bearer tokens: JWTs signed with one symmetric key from configuration (<c>Authentication:SigningKey</c>, at least
/// 32 bytes of UTF-8). The acting person is the token's subject (<c>sub</c>); a marketplace service holds the
/// <c>marketplace</c> scope, which outcomes and failed payments need. The key ships only in
/// <c>appsettings.Development.json</c>: outside Development, a host without a configured key does not start.
/// </summary>
public static class Tokens
{
    public const string SubjectClaim = "sub";
    public const string ScopeClaim = "scope";
    public const string MarketplaceScope = "marketplace";
    public const string MemberPolicy = "member";
    public const string MarketplacePolicy = "marketplace";
    public const string DefaultIssuer = "agencyconnects-sample-host";
    public const string DefaultAudience = "agencyconnects-sample-host";

    public static string Issuer(IConfiguration configuration) => configuration?["Authentication:Issuer"] ?? DefaultIssuer;

    public static string Audience(IConfiguration configuration) => configuration?["Authentication:Audience"] ?? DefaultAudience;

    /// <summary>The signing key, or an exception that says how to configure one.</summary>
    public static SymmetricSecurityKey SigningKey(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? key = configuration["Authentication:SigningKey"];
        if (string.IsNullOrEmpty(key) || Encoding.UTF8.GetByteCount(key) < 32)
        {
            throw new InvalidOperationException(
                "No signing key for bearer tokens: set Authentication:SigningKey (at least 32 bytes), for example with the environment variable "
                + "Authentication__SigningKey. Only the Development environment has one by default.");
        }

        return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key));
    }

    /// <summary>Creates a token for a person, or for the marketplace service with <paramref name="scope"/>.</summary>
    public static string Create(
        SecurityKey key, string issuer, string audience, string subject, DateTime now, TimeSpan lifetime, string? scope = null)
    {
        var claims = new Dictionary<string, object> { [SubjectClaim] = subject };
        if (scope is not null)
        {
            claims[ScopeClaim] = scope;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
