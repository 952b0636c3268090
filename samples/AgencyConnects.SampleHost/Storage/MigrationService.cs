using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace AgencyConnects.SampleHost.Storage;

/// <summary>Applies the migrations at start-up, before any hosted service starts (the server included).</summary>
public sealed class MigrationService(Database database) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Migrator.MigrateAsync(database, cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
