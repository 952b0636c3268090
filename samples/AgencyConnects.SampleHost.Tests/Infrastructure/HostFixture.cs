using System;
using System.Collections.Generic;
using System.Data.Common;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;
using AgencyConnects.SampleHost.Auth;
using AgencyConnects.SampleHost.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using NodaTime;
using NodaTime.Testing;
using Xunit;

namespace AgencyConnects.SampleHost.Tests.Infrastructure;

/// <summary>
/// The sample host on one real database of its own, through <see cref="WebApplicationFactory{TEntryPoint}"/>: one
/// fixture per test class, so classes run in parallel. The clock is a <see cref="FakeClock"/>; the store's fault seam
/// is reachable.
/// </summary>
public abstract class HostFixture : IAsyncLifetime
{
    public const string SigningKeyText = "sample-host-tests-signing-key-0123456789abcdef";

    public static readonly SymmetricSecurityKey SigningKey = new(Encoding.UTF8.GetBytes(SigningKeyText));

    private readonly List<SampleHostFactory> _factories = [];

    public FakeClock Clock { get; } = new(Instant.FromUtc(2025, 1, 10, 9, 0));

    public StoreFaults Faults { get; } = new();

    public SampleHostFactory Factory { get; private set; } = null!;

    public abstract string Engine { get; }

    public AccountStore Store => Factory.Services.GetRequiredService<AccountStore>();

    protected abstract IReadOnlyDictionary<string, string?> Settings { get; }

    public async Task InitializeAsync()
    {
        await CreateDatabaseAsync();
        Factory = StartHost();
    }

    public async Task DisposeAsync()
    {
        foreach (SampleHostFactory factory in _factories)
        {
            await factory.DisposeAsync();
        }

        await DropDatabaseAsync();
    }

    /// <summary>Starts another instance of the host on the same database, as after a restart.</summary>
    public SampleHostFactory StartHost()
    {
        var factory = new SampleHostFactory(Settings, Clock, Faults);
        _ = factory.Server; // starts it: the migrations run now
        _factories.Add(factory);
        return factory;
    }

    public HttpClient Client(string person, SampleHostFactory? factory = null) => WithToken(factory ?? Factory, Token(person));

    public HttpClient Marketplace() => WithToken(Factory, Token("marketplace-billing", Tokens.MarketplaceScope));

    public HttpClient Anonymous() => Factory.CreateClient();

    public static string Token(string person, string? scope = null, SecurityKey? key = null, DateTime? issuedAt = null, string? audience = null)
        => Tokens.Create(
            key ?? SigningKey, Tokens.DefaultIssuer, audience ?? Tokens.DefaultAudience, person, issuedAt ?? DateTime.UtcNow, TimeSpan.FromMinutes(30), scope);

    public static HttpClient WithToken(SampleHostFactory factory, string token)
    {
        ArgumentNullException.ThrowIfNull(factory);
        HttpClient client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>One number from the database, straight from SQL.</summary>
    public async Task<long> ScalarAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        Database database = Store.Database;
        await using DbConnection connection = await database.OpenAsync(default);
        await using DbCommand command = database.Command(connection, null, sql);
        foreach ((string name, object? value) in parameters)
        {
            command.With(name, value);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every table's row count and every stream's version: equal before and after means nothing was stored.</summary>
    public async Task<string> StoredStateAsync()
    {
        var state = new StringBuilder();
        foreach (string table in new[] { "streams", "events", "snapshots", "persons", "agencies", "memberships", "ledger" })
        {
            state.Append(table).Append('=').Append(await ScalarAsync($"SELECT count(*) FROM {table}")).Append(';');
        }

        foreach ((string stream, long version) in await Store.StreamsAsync())
        {
            state.Append(stream).Append('@').Append(version).Append(';');
        }

        return state.ToString();
    }

    protected abstract Task CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();
}

public sealed class SampleHostFactory(IReadOnlyDictionary<string, string?> settings, IClock clock, StoreFaults faults) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Development");
        builder.UseSetting("Authentication:SigningKey", HostFixture.SigningKeyText);
        foreach ((string key, string? value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton(clock);
            services.AddSingleton(faults);
        });
    }
}

public sealed class SqliteFixture : HostFixture
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "agencyconnects-sample-host-" + Guid.NewGuid().ToString("N")[..12]);

    public override string Engine => "Sqlite";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:Postgres"] = string.Empty,
        ["ConnectionStrings:Sqlite"] = $"Data Source={Path.Combine(_folder, "host.db")}",
    };

    protected override Task CreateDatabaseAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    protected override Task DropDatabaseAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}

public sealed class PostgresFixture : HostFixture
{
    private string _connectionString = string.Empty;

    public override string Engine => "Postgres";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = _connectionString };

    protected override async Task CreateDatabaseAsync() => _connectionString = await PostgresServer.CreateDatabaseAsync();

    protected override Task DropDatabaseAsync() => _connectionString.Length == 0 ? Task.CompletedTask : PostgresServer.DropDatabaseAsync(_connectionString);
}
