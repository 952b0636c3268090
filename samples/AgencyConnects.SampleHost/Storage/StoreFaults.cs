using System;
using System.Data.Common;
using System.Threading.Tasks;

namespace AgencyConnects.SampleHost.Storage;

/// <summary>
/// A seam for the tests: code run inside a write transaction right after the events are inserted and before the
/// facts, the ledger and the commit, on that transaction. A host leaves it empty; a test throws from it to prove the
/// transaction leaves nothing behind, or writes a conflicting row to prove a lost race is retried.
/// </summary>
public sealed class StoreFaults
{
    /// <summary>Called with the transaction's connection, the transaction and the stream's identifier; empty by default.</summary>
    public Func<DbConnection, DbTransaction, string, Task>? AfterEventsInserted { get; set; }
}
