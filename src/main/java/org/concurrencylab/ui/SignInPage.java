package org.concurrencylab.ui;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in form (Spring Security's form login checks what it posts) and the "not allowed" page. */
@Controller
class SignInPage {

    @GetMapping("/signin")
    String signIn(@RequestParam(required = false) String error, @RequestParam(required = false) String ended,
            @RequestParam(required = false) String signedout, Model model) {
        String message = null;
        if ("role".equals(error)) {
            message = "That token belongs to a metrics scraper, which has no pages. Sign in with a student's, "
                    + "a teacher's or an admin's token.";
        } else if (error != null) {
            message = "That token is not valid: no user has it. It may have been mistyped, replaced by a new one, "
                    + "or its user removed. Paste the whole token your teacher gave you (or, for the first admin, "
                    + "the one in data/admin-token).";
        } else if (ended != null) {
            message = "You were signed out: your token was replaced or your account removed. Sign in with your "
                    + "current token.";
        }
        model.addAttribute("error", message);
        model.addAttribute("signedOut", signedout != null);
        return "signin";
    }

    /** Where Spring Security sends a refused request (a role without the right, a form without its CSRF token). */
    @RequestMapping("/denied")
    String denied(@RequestAttribute(name = WebAttributes.ACCESS_DENIED_403, required = false) Exception cause,
            HttpServletResponse response, Model model) {
        String detail = cause instanceof CsrfException
                ? "The form had expired, or did not come from this lab's own page. Go back, reload the page and try again."
                : "Your role may not open this page.";
        return PageAdvice.error(response, model, HttpStatus.FORBIDDEN, "Not allowed", detail);
    }
}
