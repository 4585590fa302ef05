# syntax=docker/dockerfile:1
# GPU inference worker: the same Hub.Api build on NVIDIA's CUDA 13 + cuDNN 9 runtime libraries, which the ONNX Runtime
# GPU package (Microsoft.ML.OnnxRuntime.Gpu.Linux) loads for its CUDA execution provider. Without a GPU it runs on CPU
# and logs which provider it uses. Build from the repository root:
#   docker build -f deploy/docker/inference.Dockerfile -t hub-inference .
# Run with a GPU: docker run --gpus all ... (compose: see the inference service; Kubernetes: nvidia.com/gpu).
ARG CUDA_IMAGE=nvidia/cuda:13.0.2-cudnn-runtime-ubuntu24.04

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY Hub.Api/Hub.Api.csproj Hub.Api/
COPY Hub.Storage/Hub.Storage.csproj Hub.Storage/
COPY Hub.Inference/Hub.Inference.csproj Hub.Inference/
COPY Hub.Web/Hub.Web.csproj Hub.Web/
RUN dotnet restore Hub.Api/Hub.Api.csproj
COPY Hub.Api/ Hub.Api/
COPY Hub.Storage/ Hub.Storage/
COPY Hub.Inference/ Hub.Inference/
COPY Hub.Web/ Hub.Web/
RUN dotnet publish Hub.Api/Hub.Api.csproj -c Release -o /app --no-restore --no-self-contained

# The ASP.NET runtime of the same Ubuntu release as the CUDA image (24.04 "noble"), copied in below.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble AS dotnet

FROM ${CUDA_IMAGE} AS inference
RUN apt-get update \
 && apt-get install -y --no-install-recommends git git-lfs curl tini ca-certificates libssl3t64 zlib1g \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 1654 app && useradd --uid 1654 --gid 1654 --no-create-home --shell /usr/sbin/nologin app \
 && mkdir -p /data /cache && chown app:app /data /cache
COPY --from=dotnet /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
WORKDIR /app
COPY --from=build /app .
USER 1654
# Model files are cached on fast local disk (/cache: an emptyDir or a local volume), not on the shared /data.
ENV ASPNETCORE_URLS=http://+:8080 \
    DOTNET_NOLOGO=1 \
    Hub__DataDir=/data \
    Hub__Roles=inference \
    Hub__Inference__UseCuda=true \
    Hub__Inference__CacheDir=/cache \
    CUDA_CACHE_PATH=/cache/cuda \
    NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility
VOLUME /cache
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=5 CMD curl -fsS http://localhost:8080/alive || exit 1
ENTRYPOINT ["/usr/bin/tini", "--", "dotnet", "Hub.Api.dll"]
