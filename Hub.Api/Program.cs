using Hub.Api.Hosting;

return await HubApplication.RunAsync(args);
