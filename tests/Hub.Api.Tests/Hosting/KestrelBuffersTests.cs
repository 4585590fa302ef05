using System.Buffers;
using Hub.Api.Hosting;
using Hub.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Api.Tests.Hosting;

[Collection(EmbeddedHubCollection.Name)]
public sealed class KestrelBuffersTests(EmbeddedHub hub)
{
    [Fact]
    public void Kestrel_of_the_hub_host_reads_into_32_KiB_blocks()
    {
        using MemoryPool<byte> pool = hub.Services.GetRequiredService<IMemoryPoolFactory<byte>>().Create();

        Assert.IsType<KestrelMemoryPool>(pool);
        Assert.Equal(32 * 1024, pool.MaxBufferSize);
    }
}
