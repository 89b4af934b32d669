using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Bot.Storage.Postgres;

/// <summary>
/// ASP.NET Core Data Protection keys in PostgreSQL, so that a console cookie or a guide token issued
/// by one instance is read by every other. Keys are never updated, only added.
/// </summary>
internal sealed class PostgresXmlRepository(PostgresDatabase database) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.Open();
        using var select = PostgresDatabase.Command(connection, "SELECT xml FROM data_protection_keys ORDER BY id");
        using var reader = select.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = database.Open();
        using var insert = PostgresDatabase.Command(connection, "INSERT INTO data_protection_keys (friendly_name, xml) VALUES ($1, $2)",
            friendlyName, element.ToString(SaveOptions.DisableFormatting));
        insert.ExecuteNonQuery();
    }
}
