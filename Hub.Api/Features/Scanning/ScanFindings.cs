namespace Hub.Api.Features.Scanning;

/// <summary>What a scan collects while it walks one file (and the members of an archive).</summary>
public sealed class ScanFindings
{
    public List<(PickleImport Import, string Safety, string Where)> Imports { get; } = [];

    public List<string> Unsafe { get; } = [];

    public List<string> Caution { get; } = [];

    /// <summary>True once a pickle (alone or inside an archive) was walked.</summary>
    public bool SawPickle { get; set; }

    public void Add(IEnumerable<PickleImport> imports, string where)
    {
        foreach (var import in imports)
        {
            if (Imports.Count >= 500) break;
            var safety = ImportPolicy.Judge(import);
            Imports.Add((import, safety, where));
            if (safety == ImportPolicy.Dangerous) Unsafe.Add($"{where}: imports {import.FullName} ({import.Opcode}), which can run code or reach the system");
            else if (safety == ImportPolicy.Suspicious) Caution.Add($"{where}: imports {import.FullName} ({import.Opcode}), which is not on the allow-list");
        }
    }

    /// <summary><c>unsafe</c>, <c>caution</c> or <c>safe</c>.</summary>
    public string Status => Unsafe.Count > 0 ? FileScanStatus.Unsafe : Caution.Count > 0 ? FileScanStatus.Caution : FileScanStatus.Safe;
}
