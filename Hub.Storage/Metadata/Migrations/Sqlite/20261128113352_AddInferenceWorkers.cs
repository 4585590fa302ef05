using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hub.Storage.Metadata.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddInferenceWorkers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "inference_workers",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    url = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    provider = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    loaded_models = table.Column<string>(type: "TEXT", nullable: false),
                    memory_bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    memory_budget_bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    queue_length = table.Column<int>(type: "INTEGER", nullable: false),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_heartbeat_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inference_workers", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_inference_workers_last_heartbeat_at",
                table: "inference_workers",
                column: "last_heartbeat_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inference_workers");
        }
    }
}
