package clearml.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Who a call acts for ({@code service_repo/auth/identity.py}): the user id, the company every read and write is
 * confined to, the role, and the names a token carries.
 */
record Identity(String user, String company, String role, String userName, String companyName) {

    static final String ADMIN = "admin";
    static final String USER = "user";

    boolean mayImpersonate() {
        return ADMIN.equals(role) || "system".equals(role) || "root".equals(role);
    }

    ObjectNode toJson() {
        return Json.object().put("user", user).put("company", company).put("role", role)
                .put("user_name", userName).put("company_name", companyName);
    }

    static Identity fromJson(JsonNode node) {
        return new Identity(node.path("user").asText(), node.path("company").asText(), node.path("role").asText(),
                node.path("user_name").asText(), node.path("company_name").asText());
    }
}
