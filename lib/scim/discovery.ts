import { scimSchemas } from "@/lib/validation/scim";

/** GET /ServiceProviderConfig: what this endpoint supports (RFC 7643 §5). */
export function serviceProviderConfig(baseUrl: string) {
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
    documentationUri: `${baseUrl}/scim/v2`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: 200 },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [{ type: "oauthbearertoken", name: "Bearer token", description: "A token an administrator creates under Admin → Directory sync (SCIM).", primary: true }],
    meta: { resourceType: "ServiceProviderConfig", location: `${baseUrl}/scim/v2/ServiceProviderConfig` },
  };
}

export function resourceTypes(baseUrl: string) {
  const list = [
    { schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"], id: "User", name: "User", endpoint: "/Users", description: "A person of the desk", schema: scimSchemas.user, schemaExtensions: [{ schema: scimSchemas.enterprise, required: false }], meta: { resourceType: "ResourceType", location: `${baseUrl}/scim/v2/ResourceTypes/User` } },
    { schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"], id: "Group", name: "Group", endpoint: "/Groups", description: "A department of the desk", schema: scimSchemas.group, meta: { resourceType: "ResourceType", location: `${baseUrl}/scim/v2/ResourceTypes/Group` } },
  ];
  return { schemas: [scimSchemas.list], totalResults: list.length, startIndex: 1, itemsPerPage: list.length, Resources: list };
}

const attribute = (name: string, extra: Record<string, unknown> = {}) => ({ name, type: "string", multiValued: false, required: false, caseExact: false, mutability: "readWrite", returned: "default", uniqueness: "none", ...extra });

export function schemas(baseUrl: string) {
  const list = [
    {
      id: scimSchemas.user,
      name: "User",
      description: "A person of the desk; userName or a primary email must be an email address.",
      attributes: [
        attribute("userName", { required: true, uniqueness: "server" }),
        attribute("externalId", { caseExact: true }),
        { ...attribute("name", { type: "complex" }), subAttributes: [attribute("formatted"), attribute("givenName"), attribute("familyName")] },
        attribute("displayName"),
        attribute("title"),
        attribute("active", { type: "boolean" }),
        { ...attribute("emails", { type: "complex", multiValued: true }), subAttributes: [attribute("value"), attribute("type"), attribute("primary", { type: "boolean" })] },
        { ...attribute("groups", { type: "complex", multiValued: true, mutability: "readOnly" }), subAttributes: [attribute("value"), attribute("display")] },
        { ...attribute("roles", { type: "complex", multiValued: true, description: "agent, head (of the person's department), agent:KEY, head:KEY or hr; admin is granted in the desk only" }), subAttributes: [attribute("value"), attribute("display")] },
      ],
    },
    {
      id: scimSchemas.enterprise,
      name: "EnterpriseUser",
      description: "The department (by name) and the manager (by id) of a person.",
      attributes: [attribute("department"), { ...attribute("manager", { type: "complex" }), subAttributes: [attribute("value"), attribute("displayName", { mutability: "readOnly" })] }],
    },
    {
      id: scimSchemas.group,
      name: "Group",
      description: "A department; its members are the people whose home department it is.",
      attributes: [attribute("displayName", { required: true, uniqueness: "server" }), attribute("externalId", { caseExact: true }), { ...attribute("members", { type: "complex", multiValued: true }), subAttributes: [attribute("value"), attribute("display")] }],
    },
  ].map((s) => ({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:Schema"], ...s, meta: { resourceType: "Schema", location: `${baseUrl}/scim/v2/Schemas/${s.id}` } }));
  return { schemas: [scimSchemas.list], totalResults: list.length, startIndex: 1, itemsPerPage: list.length, Resources: list };
}
