package org.concurrencylab.ui;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.concurrencylab.core.InvalidRequestException;
import org.concurrencylab.security.IssuedUser;
import org.concurrencylab.security.LabUser;
import org.concurrencylab.security.Role;
import org.concurrencylab.security.UserAccounts;
import org.concurrencylab.security.UserNameTakenException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The admin's users page: everyone, a new user of any role (its token shown once), new tokens, removal. */
@Controller
class AdminPages {

    private final UserAccounts accounts;

    AdminPages(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/admin/users")
    String users(Model model) {
        return show(model, List.of(), Map.of(), Map.of());
    }

    @PostMapping("/admin/users")
    String create(@RequestParam(required = false) String name, @RequestParam(required = false) Role role,
            @RequestParam(required = false) String teacherId, HttpServletResponse response, Model model) {
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("name", name == null ? "" : name);
        typed.put("role", role == null ? "" : role.name());
        typed.put("teacherId", teacherId == null ? "" : teacherId);
        try {
            if (role == null) {
                throw new InvalidRequestException(List.of(new InvalidRequestException.Violation("role",
                        "is required: one of ADMIN, TEACHER, STUDENT, METRICS")));
            }
            IssuedUser made = accounts.create(name == null ? null : name.strip(), role,
                    teacherId == null || teacherId.isBlank() ? null : teacherId);
            return show(model, List.of(made), Map.of(), Map.of());
        } catch (InvalidRequestException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return show(model, List.of(), ListFilters.errorsByField(e.violations(), field -> field), typed);
        } catch (UserNameTakenException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return show(model, List.of(), Map.of("name", e.getMessage()), typed);
        }
    }

    @PostMapping("/admin/users/{id}/token")
    String newToken(@PathVariable String id, Model model) {
        return show(model, List.of(accounts.rotateToken(id)), Map.of(), Map.of());
    }

    @PostMapping("/admin/users/{id}/delete")
    String remove(@PathVariable String id) {
        accounts.delete(id);
        return "redirect:/admin/users";
    }

    private String show(Model model, List<IssuedUser> issued, Map<String, String> errors, Map<String, String> typed) {
        List<LabUser> users = accounts.list();
        Map<String, String> names = new LinkedHashMap<>();
        users.forEach(u -> names.put(u.id(), u.name()));
        model.addAttribute("users", users);
        model.addAttribute("names", names);
        model.addAttribute("teachers", users.stream().filter(u -> u.role() == Role.TEACHER).toList());
        model.addAttribute("roles", Role.values());
        model.addAttribute("issued", issued);
        model.addAttribute("errors", errors);
        model.addAttribute("typed", typed);
        return "admin-users";
    }
}
