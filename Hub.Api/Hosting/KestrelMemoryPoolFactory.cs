using System.Buffers;
using Microsoft.AspNetCore.Connections;

namespace Hub.Api.Hosting;

/// <summary>Hands Kestrel's transport <see cref="KestrelMemoryPool"/>s (registered as the host's <see cref="IMemoryPoolFactory{T}"/>).</summary>
internal sealed class KestrelMemoryPoolFactory : IMemoryPoolFactory<byte>
{
    public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => new KestrelMemoryPool();
}
