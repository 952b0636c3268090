using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgencyConnects.Domain;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Json;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Values;
using NodaTime;

namespace AgencyConnects.SampleHost.Storage;

/// <summary>
/// Loads accounts and runs one library operation per transaction: lock the account's stream row, lock the row of each
/// person whose cross-agency facts the operation reads, load the account (its events, replayed) and those facts, run
/// the operation, then write its events, the stream's new version, the facts and the ledger rows, and commit. A
/// violated unique key (another request won a race the locks do not cover, such as two creations of one agency)
/// rolls back and retries from the start, when the library names the error; only a race lost on every attempt is a
/// <see cref="StoreStatus.Conflict"/>.
/// </summary>
/// <remarks>
/// Each write also stores the account's snapshot (<see cref="ConnectsAccount.ToSnapshot"/>, as JSON), so an account
/// loads from its latest snapshot plus the events after it (<see cref="AgencyAccount.Load"/>); the history (ledger,
/// bills, usage, closed proposals) is read from the events and the ledger table, never from the decision state.
/// </remarks>
public sealed class AccountStore(Database database, IClock clock, AccountEventJson json, StoreFaults faults)
{
    /// <summary>How many times an operation that lost a race is tried in all.</summary>
    public const int Attempts = 5;

    private static readonly PersonId[] s_nobody = [];

    public Database Database => database;

    public static string AgencyStream(AgencyId agency) => "agency/" + agency.Value;

    public static string FreelancerStream(PersonId person) => "freelancer/" + person.Value;

    /// <summary>Creates an agency: the operation gets the directory's facts about <paramref name="agency"/> and <paramref name="owner"/>.</summary>
    public Task<Stored<AgencyAccount>> CreateAgencyAsync(
        AgencyId agency, PersonId owner, Func<AgencyDirectory, Instant, Outcome<AgencyAccount>> create, CancellationToken cancellationToken = default)
        => ExecuteAsync<AgencyAccount>(
            AgencyStream(agency), "agency", agency, [owner], mustExist: false,
            (_, directory, now) => create(directory, now), LoadAgency, cancellationToken);

    /// <summary>Runs an operation on an existing agency, with the directory's facts about <paramref name="persons"/>.</summary>
    public Task<Stored<AgencyAccount>> UpdateAgencyAsync(
        AgencyId agency, IReadOnlyList<PersonId> persons, Func<AgencyAccount, AgencyDirectory, Instant, Outcome<AgencyAccount>> operation,
        CancellationToken cancellationToken = default)
        => ExecuteAsync<AgencyAccount>(
            AgencyStream(agency), "agency", agency, persons, mustExist: true,
            (account, directory, now) => operation(account!, directory, now), LoadAgency, cancellationToken);

    /// <summary>Opens a person's freelancer account.</summary>
    public Task<Stored<FreelancerAccount>> OpenFreelancerAsync(
        PersonId person, Func<Instant, Outcome<FreelancerAccount>> open, CancellationToken cancellationToken = default)
        => ExecuteAsync<FreelancerAccount>(
            FreelancerStream(person), "freelancer", null, s_nobody, mustExist: false,
            (_, _, now) => open(now), LoadFreelancer, cancellationToken);

    /// <summary>Runs an operation on a freelancer account, with the directory's facts about its holder (for exclusivity).</summary>
    public Task<Stored<FreelancerAccount>> UpdateFreelancerAsync(
        PersonId person, Func<FreelancerAccount, AgencyDirectory, Instant, Outcome<FreelancerAccount>> operation, CancellationToken cancellationToken = default)
        => ExecuteAsync<FreelancerAccount>(
            FreelancerStream(person), "freelancer", null, [person], mustExist: true,
            (account, directory, now) => operation(account!, directory, now), LoadFreelancer, cancellationToken);

    public async Task<AgencyAccount?> LoadAgencyAsync(AgencyId agency, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await LoadAsync<AgencyAccount>(connection, null, AgencyStream(agency), LoadAgency, cancellationToken).ConfigureAwait(false);
    }

    public async Task<FreelancerAccount?> LoadFreelancerAsync(PersonId person, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await LoadAsync<FreelancerAccount>(connection, null, FreelancerStream(person), LoadFreelancer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every event of a stream, in order.</summary>
    public async Task<IReadOnlyList<AccountEvent>> LoadAllEventsAsync(string stream, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await LoadEventsAsync(connection, null, stream, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An account's history (ledger, bills, usage, every proposal): a projection of all its events.</summary>
    public async Task<AccountHistory?> LoadHistoryAsync(string stream, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        List<AccountEvent> events = await LoadEventsAsync(connection, null, stream, cancellationToken).ConfigureAwait(false);
        return events.Count == 0 ? null : AccountHistory.Of(events);
    }

    /// <summary>A page of an account's ledger, from the ledger table, oldest first.</summary>
    public async Task<(IReadOnlyList<LedgerRow> Rows, long Total)> LedgerAsync(string stream, int offset, int limit, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        long total;
        await using (DbCommand count = database.Command(connection, null, "SELECT count(*) FROM ledger WHERE stream_id = @stream").With("stream", stream))
        {
            total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }

        var rows = new List<LedgerRow>();
        await using DbCommand command = database.Command(
            connection, null,
            "SELECT position, kind, quantity, delta, at, actor_id, proposal_id, member_id, is_boost, submitter_id FROM ledger "
            + "WHERE stream_id = @stream ORDER BY position LIMIT @limit OFFSET @offset")
            .With("stream", stream).With("limit", limit).With("offset", offset);
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new LedgerRow(
                reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3), database.ReadInstant(reader, 4),
                NullableString(reader, 5), NullableString(reader, 6), NullableString(reader, 7), reader.GetBoolean(8), NullableString(reader, 9)));
        }

        return (rows, total);
    }

    /// <summary>Every stream of a kind (<c>agency</c>, <c>freelancer</c>) with its stored version.</summary>
    public async Task<IReadOnlyList<(string Stream, long Version)>> StreamsAsync(CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using DbCommand command = database.Command(connection, null, "SELECT stream_id, version FROM streams ORDER BY stream_id");
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var streams = new List<(string, long)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            streams.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return streams;
    }

    private async Task<Stored<TAccount>> ExecuteAsync<TAccount>(
        string stream, string kind, AgencyId? agency, IReadOnlyList<PersonId> persons, bool mustExist,
        Func<TAccount?, AgencyDirectory, Instant, Outcome<TAccount>> operation, Func<AccountSnapshot?, IReadOnlyList<AccountEvent>, TAccount> load,
        CancellationToken cancellationToken)
        where TAccount : ConnectsAccount
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await TryExecuteAsync(stream, kind, agency, persons, mustExist, operation, load, cancellationToken).ConfigureAwait(false);
            }
            catch (DbException exception) when (database.IsRace(exception))
            {
                if (attempt == Attempts)
                {
                    return new Stored<TAccount>(StoreStatus.Conflict);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * attempt)), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<Stored<TAccount>> TryExecuteAsync<TAccount>(
        string stream, string kind, AgencyId? agency, IReadOnlyList<PersonId> persons, bool mustExist,
        Func<TAccount?, AgencyDirectory, Instant, Outcome<TAccount>> operation, Func<AccountSnapshot?, IReadOnlyList<AccountEvent>, TAccount> load,
        CancellationToken cancellationToken)
        where TAccount : ConnectsAccount
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using DbTransaction transaction = await database.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);

        // 1. The account's stream row: locked, so the writers of one account take turns.
        long? storedVersion;
        await using (DbCommand lockStream = database.Command(connection, transaction, "SELECT version FROM streams WHERE stream_id = @stream" + database.ForUpdate)
            .With("stream", stream))
        {
            object? version = await lockStream.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            storedVersion = version is null or DBNull ? null : Convert.ToInt64(version, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (storedVersion is null && mustExist)
        {
            return new Stored<TAccount>(StoreStatus.NotFound);
        }

        // 2. The persons whose cross-agency facts the operation reads: one row each, locked, always after the stream row
        //    (one order, so no deadlock), so two operations on one person's memberships never both pass the checks.
        foreach (PersonId person in persons.Where(p => !p.IsEmpty).Distinct().Order())
        {
            await using DbCommand insert = database.Command(connection, transaction, "INSERT INTO persons (person_id) VALUES (@person) ON CONFLICT DO NOTHING")
                .With("person", person.Value);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand lockPerson = database.Command(connection, transaction, "SELECT person_id FROM persons WHERE person_id = @person" + database.ForUpdate)
                .With("person", person.Value);
            await lockPerson.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }

        // 3. The account and the facts, read under those locks.
        TAccount? before = null;
        if (storedVersion is not null)
        {
            before = await LoadAsync(connection, transaction, stream, load, cancellationToken).ConfigureAwait(false);
        }

        AgencyDirectory directory = await LoadDirectoryAsync(connection, transaction, agency, persons, cancellationToken).ConfigureAwait(false);

        // Clocks of several hosts differ a little; an account never goes back in time, so an operation happens no
        // earlier than the account's last change.
        Instant now = clock.GetCurrentInstant();
        if (before is not null && before.LastChangedAt > now)
        {
            now = before.LastChangedAt;
        }

        // 4. The library decides.
        Outcome<TAccount> outcome = operation(before, directory, now);
        if (outcome.Error is { } error)
        {
            return new Stored<TAccount>(StoreStatus.Refused, Error: error);
        }

        Updated<TAccount> success = outcome.Success!;
        if (!mustExist && storedVersion is not null)
        {
            // A creation the library allowed on an existing stream: the account exists (an agency's creation is
            // refused by the library itself, from the directory's facts).
            return new Stored<TAccount>(StoreStatus.AlreadyExists);
        }

        if (success.Events.IsEmpty)
        {
            return new Stored<TAccount>(StoreStatus.Done, success);
        }

        // 5. Events, version, facts and ledger, in this one transaction.
        long from = storedVersion ?? 0;
        long to = success.Account.Version;
        string sql = storedVersion is null
            ? "INSERT INTO streams (stream_id, kind, version) VALUES (@stream, @kind, @to)"
            : "UPDATE streams SET version = @to WHERE stream_id = @stream AND version = @from";
        await using (DbCommand version = database.Command(connection, transaction, sql)
            .With("stream", stream).With("kind", kind).With("to", to).With("from", from))
        {
            if (await version.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                throw new InvalidOperationException($"The stream {stream} moved past version {from} while locked.");
            }
        }

        long next = from;
        foreach (AccountEvent accountEvent in success.Events)
        {
            next++;
            await using DbCommand insert = database.Command(
                connection, transaction, "INSERT INTO events (stream_id, version, type, body, at) VALUES (@stream, @version, @type, @body, @at)")
                .With("stream", stream).With("version", next).With("type", accountEvent.GetType().Name).With("at", database.ToDb(accountEvent.At));
            database.AddJson(insert, "body", json.Write(accountEvent));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (next != to)
        {
            throw new InvalidOperationException($"The account's version {to} is not the stored version {from} plus its {success.Events.Length} events.");
        }

        if (faults.AfterEventsInserted is { } fault)
        {
            await fault(connection, transaction, stream).ConfigureAwait(false);
        }

        if (success.Account is AgencyAccount agencyAfter)
        {
            foreach (AccountEvent accountEvent in success.Events)
            {
                await WriteFactsAsync(connection, transaction, agencyAfter.Id, accountEvent, cancellationToken).ConfigureAwait(false);
            }
        }

        // The ledger is a projection of the events (AccountHistory): each event's entries, numbered after the stored ones.
        long position;
        await using (DbCommand count = database.Command(connection, transaction, "SELECT count(*) FROM ledger WHERE stream_id = @stream").With("stream", stream))
        {
            position = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (LedgerEntry entry in success.Events.SelectMany(e => AccountHistory.LedgerEntriesOf(e)))
        {
            await using DbCommand insert = database.Command(
                connection, transaction,
                "INSERT INTO ledger (stream_id, position, kind, quantity, delta, at, actor_id, proposal_id, member_id, is_boost, submitter_id) "
                + "VALUES (@stream, @position, @kind, @quantity, @delta, @at, @actor, @proposal, @member, @boost, @submitter)")
                .With("stream", stream).With("position", position++).With("kind", entry.Kind.ToString()).With("quantity", entry.Quantity.Value)
                .With("delta", entry.Delta).With("at", database.ToDb(entry.At)).With("actor", entry.Actor?.Value).With("proposal", entry.Proposal?.Value)
                .With("member", entry.Member?.Value).With("boost", entry.IsBoost).With("submitter", entry.Submitter?.Value);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // The account's snapshot after the operation, replacing the previous one: the next load reads it and no event.
        // Its period end is the month-end job's index (Migrations/*/003_period_end.sql).
        await using (DbCommand snapshot = database.Command(
            connection, transaction,
            "INSERT INTO snapshots (stream_id, version, body, period_end) VALUES (@stream, @version, @body, @period_end) "
            + "ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, body = excluded.body, period_end = excluded.period_end")
            .With("stream", stream).With("version", to).With("period_end", PeriodEnd(database, success.Account)))
        {
            database.AddJson(snapshot, "body", json.WriteSnapshot(success.Account.ToSnapshot()));
            await snapshot.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new Stored<TAccount>(StoreStatus.Done, success);
    }

    private async Task WriteFactsAsync(DbConnection connection, DbTransaction transaction, AgencyId agency, AccountEvent accountEvent, CancellationToken cancellationToken)
    {
        var statements = new List<DbCommand>();
        try
        {
            switch (accountEvent)
            {
                case AgencyCreated created:
                    statements.Add(database.Command(connection, transaction, "INSERT INTO agencies (agency_id, owner_id, closed_at) VALUES (@agency, @owner, NULL)")
                        .With("agency", agency.Value).With("owner", created.Owner.Value));
                    statements.Add(Membership(created.Owner, created.OwnerMembership));
                    break;
                case MemberAdded added:
                    statements.Add(Membership(added.Member.Person, added.Member.Kind));
                    break;
                case MemberRemoved removed:
                    statements.Add(database.Command(connection, transaction, "DELETE FROM memberships WHERE agency_id = @agency AND person_id = @person")
                        .With("agency", agency.Value).With("person", removed.Person.Value));
                    break;
                case OwnershipTransferred transferred:
                    statements.Add(database.Command(connection, transaction, "UPDATE agencies SET owner_id = @owner WHERE agency_id = @agency")
                        .With("agency", agency.Value).With("owner", transferred.NewOwner.Value));
                    break;
                case AgencyClosed closed:
                    statements.Add(database.Command(connection, transaction, "UPDATE agencies SET closed_at = @at WHERE agency_id = @agency")
                        .With("agency", agency.Value).With("at", database.ToDb(closed.At)));
                    statements.Add(database.Command(connection, transaction, "DELETE FROM memberships WHERE agency_id = @agency AND person_id = @person")
                        .With("agency", agency.Value).With("person", closed.Owner.Value));
                    break;
                default:
                    break;
            }

            foreach (DbCommand statement in statements)
            {
                await statement.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (DbCommand statement in statements)
            {
                await statement.DisposeAsync().ConfigureAwait(false);
            }
        }

        DbCommand Membership(PersonId person, MembershipKind kind)
            => database.Command(connection, transaction, "INSERT INTO memberships (agency_id, person_id, exclusive) VALUES (@agency, @person, @exclusive)")
                .With("agency", agency.Value).With("person", person.Value).With("exclusive", kind == MembershipKind.Exclusive);
    }

    /// <summary>
    /// The directory's facts an operation needs, loaded for it alone: the agency itself (whether it exists), and for each
    /// person the open agency they own and every membership they hold, as the library's <see cref="AgencyDirectory"/> of
    /// those facts alone (<see cref="AgencyDirectory.WithAgency"/>, <see cref="AgencyDirectory.WithMembership"/>).
    /// </summary>
    private async Task<AgencyDirectory> LoadDirectoryAsync(
        DbConnection connection, DbTransaction transaction, AgencyId? agency, IReadOnlyList<PersonId> persons, CancellationToken cancellationToken)
    {
        var agencies = new Dictionary<string, (string Owner, bool Closed)>(StringComparer.Ordinal);
        var memberships = new List<(string Agency, string Person, bool Exclusive)>();
        if (agency is { } id)
        {
            await ReadAgenciesAsync("SELECT agency_id, owner_id, closed_at FROM agencies WHERE agency_id = @key", id.Value).ConfigureAwait(false);
        }

        foreach (PersonId person in persons.Where(p => !p.IsEmpty).Distinct())
        {
            await ReadAgenciesAsync("SELECT agency_id, owner_id, closed_at FROM agencies WHERE owner_id = @key AND closed_at IS NULL", person.Value).ConfigureAwait(false);
            await using DbCommand command = database.Command(connection, transaction, "SELECT agency_id, exclusive FROM memberships WHERE person_id = @person")
                .With("person", person.Value);
            await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                memberships.Add((reader.GetString(0), person.Value, reader.GetBoolean(1)));
            }
        }

        // Stored facts were written from the library's own events, so every identifier and kind in them is valid.
        AgencyDirectory directory = AgencyDirectory.Empty;
        foreach ((string key, (string owner, bool closed)) in agencies)
        {
            directory = directory.WithAgency(AgencyId.Create(key).AsT0, PersonId.Create(owner).AsT0, closed).SuccessOrThrow();
        }

        foreach ((string key, string person, bool exclusive) in memberships)
        {
            directory = directory.WithMembership(
                PersonId.Create(person).AsT0, AgencyId.Create(key).AsT0, exclusive ? MembershipKind.Exclusive : MembershipKind.NonExclusive).SuccessOrThrow();
        }

        return directory;

        async Task ReadAgenciesAsync(string sql, string key)
        {
            await using DbCommand command = database.Command(connection, transaction, sql).With("key", key);
            await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                agencies[reader.GetString(0)] = (reader.GetString(1), !reader.IsDBNull(2));
            }
        }
    }

    /// <summary>An account from its latest snapshot and the events after it (all its events when it has no snapshot); null when there is none.</summary>
    private async Task<TAccount?> LoadAsync<TAccount>(
        DbConnection connection, DbTransaction? transaction, string stream, Func<AccountSnapshot?, IReadOnlyList<AccountEvent>, TAccount> load,
        CancellationToken cancellationToken)
        where TAccount : ConnectsAccount
    {
        AccountSnapshot? snapshot = null;
        await using (DbCommand command = database.Command(connection, transaction, "SELECT version, body FROM snapshots WHERE stream_id = @stream").With("stream", stream))
        await using (DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                long version = reader.GetInt64(0);
                snapshot = json.ReadSnapshot(reader.GetString(1)).TryGetSuccess(out AccountSnapshot? read, out JsonContractError? error)
                    ? read
                    : throw new InvalidOperationException($"The snapshot of {stream} at version {version} cannot be read: {error.Message}");
            }
        }

        List<AccountEvent> events = await LoadEventsAsync(connection, transaction, stream, cancellationToken, snapshot?.Version ?? 0).ConfigureAwait(false);
        return snapshot is null && events.Count == 0 ? null : load(snapshot, events);
    }

    private static AgencyAccount LoadAgency(AccountSnapshot? snapshot, IReadOnlyList<AccountEvent> events)
        => snapshot is null ? AgencyAccount.Replay(events)
            : AgencyAccount.Load(snapshot, events).TryGetSuccess(out AgencyAccount? agency, out DomainError? error) ? agency
            : throw new InvalidOperationException($"The stored snapshot cannot be loaded: {error.Message}");

    private static FreelancerAccount LoadFreelancer(AccountSnapshot? snapshot, IReadOnlyList<AccountEvent> events)
        => snapshot is null ? FreelancerAccount.Replay(events)
            : FreelancerAccount.Load(snapshot, events).TryGetSuccess(out FreelancerAccount? account, out DomainError? error) ? account
            : throw new InvalidOperationException($"The stored snapshot cannot be loaded: {error.Message}");

    /// <summary>The events of a stream, in order, read back through the JSON package.</summary>
    private async Task<List<AccountEvent>> LoadEventsAsync(
        DbConnection connection, DbTransaction? transaction, string stream, CancellationToken cancellationToken, long after = 0)
    {
        await using DbCommand command = database.Command(
            connection, transaction, "SELECT version, body FROM events WHERE stream_id = @stream AND version > @after ORDER BY version")
            .With("stream", stream).With("after", after);
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<AccountEvent>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            long version = reader.GetInt64(0);
            if (!json.Read(reader.GetString(1)).TryGetSuccess(out AccountEvent? accountEvent, out JsonContractError? error))
            {
                throw new InvalidOperationException($"Event {version} of {stream} cannot be read: {error.Message}");
            }

            events.Add(accountEvent);
        }

        return events;
    }

    /// <summary>
    /// The value of an account's <c>snapshots.period_end</c>: the end of its current billing period, when the month-end
    /// job must next close it; null (never) for a closed agency, which accepts no operation.
    /// </summary>
    public static object? PeriodEnd(Database database, ConnectsAccount account)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(account);
        return account is AgencyAccount { IsClosed: true } ? null : database.ToDb(account.CurrentPeriod.End);
    }

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}

/// <summary>A row of the ledger table.</summary>
public sealed record LedgerRow(
    long Position, string Kind, int Quantity, long Delta, Instant At, string? Actor, string? Proposal, string? Member, bool IsBoost, string? Submitter);
