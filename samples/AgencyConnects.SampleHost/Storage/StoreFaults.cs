using System;
using System.Threading.Tasks;

namespace AgencyConnects.SampleHost.Storage;

/// <summary>
/// A seam for the tests: code run inside a write transaction right after the events are inserted and before the
/// facts, the ledger and the commit. A host leaves it empty; a test throws from it to prove the transaction leaves
/// nothing behind.
/// </summary>
public sealed class StoreFaults
{
    /// <summary>Called with the stream's identifier; empty by default.</summary>
    public Func<string, Task>? AfterEventsInserted { get; set; }
}
