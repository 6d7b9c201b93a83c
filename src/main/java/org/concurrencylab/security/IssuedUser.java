package org.concurrencylab.security;

import java.util.List;

/** A user together with its token: only ever returned by the call that made the token. */
public record IssuedUser(LabUser user, String token) {

    /** A roster to hand out, one line per user: {@code name,token,id}. */
    public static String rosterCsv(List<IssuedUser> issued) {
        StringBuilder csv = new StringBuilder("name,token,id\n");
        // Names and tokens are letters, digits and '.-_' only: nothing to quote, nothing a spreadsheet runs.
        issued.forEach(user -> csv.append(user.user().name()).append(',').append(user.token()).append(',')
                .append(user.user().id()).append('\n'));
        return csv.toString();
    }
}
