namespace Hub.Api.Features.Scanning;

/// <summary>A global a pickle would import (and could call), with the opcode that names it.</summary>
public sealed record PickleImport(string Module, string Name, string Opcode)
{
    public string FullName => Module + "." + Name;
}
