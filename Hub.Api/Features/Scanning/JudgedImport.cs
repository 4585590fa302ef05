namespace Hub.Api.Features.Scanning;

/// <summary>A pickle import with its judgement (<see cref="ImportPolicy"/>) and where in the file it was found.</summary>
public sealed record JudgedImport(string Module, string Name, string Safety, string Where);
