using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hub.Storage.Metadata.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchVectorTagArray : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "tag_names",
                table: "repositories",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            // The row's copy of its tags, sorted (RepositoryEntity.TagNames), as the JSON array EF reads.
            migrationBuilder.Sql(
                "UPDATE repositories SET tag_names = (SELECT json_group_array(tag) FROM " +
                "(SELECT tag FROM repository_tags t WHERE t.repository_id = repositories.id ORDER BY tag)) " +
                "WHERE EXISTS (SELECT 1 FROM repository_tags t WHERE t.repository_id = repositories.id);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "tag_names",
                table: "repositories");
        }
    }
}
