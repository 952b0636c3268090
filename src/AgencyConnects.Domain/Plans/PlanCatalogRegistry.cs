using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AgencyConnects.Domain.Internal;
using OneOf;

namespace AgencyConnects.Domain.Plans;

/// <summary>
/// The catalogs a host knows, by <see cref="PlanCatalog.Name"/>: what resolves the catalog a stored snapshot or event
/// names (DOMAIN §9: a catalog is stored by its identifier, never copied). Immutable; <see cref="Default"/> holds the
/// two shipped catalogs, and a host adds its own with <see cref="With"/>.
/// </summary>
public sealed class PlanCatalogRegistry
{
    private readonly ImmutableDictionary<string, PlanCatalog> _byName;

    private PlanCatalogRegistry(ImmutableDictionary<string, PlanCatalog> byName) => _byName = byName;

    /// <summary>The registry of the shipped catalogs: <see cref="PlanCatalog.Classic"/> and <see cref="PlanCatalog.Current"/>.</summary>
    public static PlanCatalogRegistry Default { get; } = new(
        ImmutableDictionary<string, PlanCatalog>.Empty.Add(PlanCatalog.Classic.Name, PlanCatalog.Classic).Add(PlanCatalog.Current.Name, PlanCatalog.Current));

    /// <summary>The catalogs, ordered by name (ordinal).</summary>
    public IReadOnlyList<PlanCatalog> Catalogs => [.. _byName.Values.OrderBy(c => c.Name, System.StringComparer.Ordinal)];

    /// <summary>Adds a catalog under its name. Adding the very catalog again changes nothing.</summary>
    /// <param name="catalog">The catalog.</param>
    /// <returns>The registry with the catalog, or <see cref="DuplicateCatalogName"/> when another catalog has its name.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="catalog"/> is null.</exception>
    public OneOf<PlanCatalogRegistry, DuplicateCatalogName> With(PlanCatalog catalog)
    {
        Guard.NotNull(catalog);
        if (_byName.TryGetValue(catalog.Name, out PlanCatalog? known))
        {
            return ReferenceEquals(known, catalog) ? this : new DuplicateCatalogName(catalog.Name);
        }

        return new PlanCatalogRegistry(_byName.Add(catalog.Name, catalog));
    }

    /// <summary>Finds a catalog by name (ordinal, case-sensitive).</summary>
    /// <param name="name">The name, as <see cref="PlanCatalog.Name"/> gives it.</param>
    /// <returns>The catalog, or <see cref="UnknownCatalog"/>.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="name"/> is null.</exception>
    public OneOf<PlanCatalog, UnknownCatalog> Resolve(string name)
    {
        Guard.NotNull(name);
        return _byName.TryGetValue(name, out PlanCatalog? catalog) ? catalog : new UnknownCatalog(name);
    }
}

/// <summary>Another catalog is registered under this name; names identify catalogs in storage, so they must be unique.</summary>
/// <param name="Name">The name.</param>
public sealed record DuplicateCatalogName(string Name) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"Another catalog is registered as \"{Name}\".";
}

/// <summary>No catalog is registered under this name.</summary>
/// <param name="Name">The name.</param>
public sealed record UnknownCatalog(string Name) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"No catalog is registered as \"{Name}\".";
}
