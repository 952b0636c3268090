using System;
using System.Linq;
using System.Threading.Tasks;
using AgencyConnects.Domain.Json;
using AgencyConnects.SampleHost.Auth;
using AgencyConnects.SampleHost.Endpoints;
using AgencyConnects.SampleHost.MonthEnd;
using AgencyConnects.SampleHost.Storage;
using AgencyConnects.SampleHost.Storage.Postgres;
using AgencyConnects.SampleHost.Storage.Sqlite;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace AgencyConnects.SampleHost;

/// <summary>
/// The sample host: an ASP.NET Core minimal API over AgencyConnects.Domain, on SQLite by default or on PostgreSQL when
/// <c>ConnectionStrings:Postgres</c> is set. <c>token --person &lt;id&gt; [--scope marketplace]</c> prints a bearer token
/// for local use instead of starting the server; <c>seed</c> and <c>month-end</c> run the commands of <see cref="Commands"/>.
/// </summary>
public partial class Program
{
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && args[0] == "token")
        {
            return TokenCommand(args[1..]);
        }

        if (args.Length > 0 && args[0] is "seed" or "month-end")
        {
            return await Commands.RunAsync(args).ConfigureAwait(false);
        }

        WebApplication app = Build(args);
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }

    public static WebApplication Build(string[] args)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
        ConfigureServices(builder.Services, builder.Configuration);
        WebApplication app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        if (app.Environment.IsDevelopment())
        {
            app.MapOpenApi();
        }

        app.MapAgencies();
        app.MapFreelancers();
        app.MapMonthEnd();
        return app;
    }

    public static void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = Problems.NameFrameworkProblem);
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false); // malformed input: a 400 problem in every environment
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb));
        services.AddOpenApi();

        services.AddSingleton<IClock>(SystemClock.Instance);
        services.AddSingleton(AccountEventJson.Default);
        services.AddSingleton<StoreFaults>();
        services.AddSingleton(_ => CreateDatabase(configuration));
        services.AddSingleton<AccountStore>();
        services.AddHostedService<MigrationService>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = Tokens.Issuer(configuration),
                ValidAudience = Tokens.Audience(configuration),
                IssuerSigningKey = Tokens.SigningKey(configuration),
                NameClaimType = Tokens.SubjectClaim,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Tokens.MemberPolicy, p => p.RequireAuthenticatedUser().RequireClaim(Tokens.SubjectClaim))
            .AddPolicy(Tokens.MarketplacePolicy, p => p.RequireAuthenticatedUser().RequireAssertion(
                c => c.User.FindAll(Tokens.ScopeClaim).SelectMany(s => s.Value.Split(' ')).Contains(Tokens.MarketplaceScope)));
    }

    /// <summary>The database the configuration names: PostgreSQL when <c>ConnectionStrings:Postgres</c> is set, else SQLite.</summary>
    public static Database CreateDatabase(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? postgres = configuration.GetConnectionString("Postgres");
        return string.IsNullOrWhiteSpace(postgres)
            ? new SqliteDatabase(configuration.GetConnectionString("Sqlite") ?? "Data Source=agencyconnects.db")
            : new PostgresDatabase(postgres);
    }

    private static int TokenCommand(string[] args)
    {
        string? person = null;
        string? scope = null;
        int hours = 12;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--person": person = args[i + 1]; break;
                case "--scope": scope = args[i + 1]; break;
                case "--hours": hours = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                default: break;
            }
        }

        if (person is null)
        {
            Console.Error.WriteLine("usage: token --person <id> [--scope marketplace] [--hours 12]");
            return 2;
        }

        IConfiguration configuration = WebApplication.CreateBuilder([]).Configuration;
        Console.WriteLine(Tokens.Create(
            Tokens.SigningKey(configuration), Tokens.Issuer(configuration), Tokens.Audience(configuration), person, DateTime.UtcNow, TimeSpan.FromHours(hours), scope));
        return 0;
    }
}
