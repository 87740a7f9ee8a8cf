package io.freshdeskbigquery.simulator;

import java.util.Random;

/**
 * Words for the generated records. Deliberately awkward where real data is: non-ASCII names,
 * quotes, backslashes, emoji (outside the BMP), CJK, right-to-left text and very long descriptions.
 */
final class Texts {

    /** Display name and the ASCII form used in e-mail addresses. */
    private static final String[][] FIRST_NAMES = {
            {"Anna", "anna"}, {"José", "jose"}, {"Zoë", "zoe"}, {"Łukasz", "lukasz"}, {"Siobhán", "siobhan"},
            {"Ömer", "omer"}, {"李娜", "li.na"}, {"Nguyễn", "nguyen"}, {"Mary-Jane", "maryjane"},
            {"O'Brien", "obrien"}, {"Priya", "priya"}, {"Kwame", "kwame"}, {"Ingrid", "ingrid"},
            {"محمد", "mohammed"}, {"Sven", "sven"}, {"Chloé", "chloe"}, {"Dmitri", "dmitri"}, {"Aiko", "aiko"},
    };
    private static final String[][] LAST_NAMES = {
            {"Smith", "smith"}, {"García", "garcia"}, {"Müller", "mueller"}, {"Kowalski", "kowalski"},
            {"D'Angelo", "dangelo"}, {"Østergaard", "ostergaard"}, {"Tanaka", "tanaka"}, {"Okafor", "okafor"},
            {"van der Berg", "vanderberg"}, {"Nakamura", "nakamura"}, {"Svensson", "svensson"}, {"Patel", "patel"},
    };
    private static final String[] COMPANY_WORDS = {
            "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Soylent", "Tyrell", "Cyberdyne",
            "Vandelay", "Wonka", "Gringotts", "Kakao", "Zürich", "Ñandú", "Blue Sky", "Nordwind",
    };
    private static final String[] COMPANY_SUFFIXES = {"Ltd", "GmbH", "Inc.", "S.A.", "& Co", "K.K.", "LLC", "AB"};
    private static final String[] SUBJECTS = {
            "Can't log in after password reset",
            "Refund for order #%d",
            "Invoice %d shows the wrong VAT",
            "\"Urgent\": export stuck at 99%%",
            "Café menu sync broken 🍕",
            "Problème de facturation — compte %d",
            "配送が遅れています (order %d)",
            "Emoji in subject 🚀🔥 still broken",
            "Question about the 'Pro' plan",
            "Path C:\\Users\\report.csv not found",
            "Re: Re: Fwd: contract renewal %d",
            "طلب استرداد رقم %d",
            "App crashes on iOS 18 when uploading > 10 MB",
            "Feature request: dark mode 🌙",
            "<script>alert('x')</script> in my signature?",
            "Wrong address on shipment %d",
            "Zugangsdaten funktionieren nicht",
            "Tab\tseparated subject from an old import",
    };
    private static final String[] SENTENCES = {
            "Thanks for getting back to me so quickly.",
            "I have attached the screenshot you asked for.",
            "The problem started after yesterday's update.",
            "We are a team of 40 people and everyone is affected.",
            "Could you please escalate this to the billing team?",
            "Our order number is in the subject line.",
            "I tried clearing the cache & cookies, it didn't help.",
            "Das Problem tritt nur im Firefox auf.",
            "Merci de votre aide — c'est très urgent.",
            "この問題は昨日から続いています。",
            "Please don't close the ticket until we confirm the fix 🙏.",
            "The CSV contains quotes like \"this\" and backslashes like \\ that break our import.",
            "We need this resolved before the end of the quarter.",
            "Kind regards, the operations team.",
    };
    static final String[] TAGS = {
            "billing", "refund", "login", "bug", "feature-request", "vip", "mobile", "export", "api",
            "urgent", "churn-risk", "onboarding", "größe", "日本",
    };
    static final String[] TIME_ZONES = {
            "Eastern Time (US & Canada)", "Pacific Time (US & Canada)", "London", "Berlin", "Paris", "Tokyo",
            "Kolkata", "Sydney", "Sao Paulo", "Lagos",
    };
    static final String[] LANGUAGES = {"en", "de", "fr", "es", "ja-JP", "pt-BR", "ar", "pl"};
    static final String[] JOB_TITLES = {"CTO", "Office Manager", "Buyer", "Head of Support", "Developer", "Accountant"};
    static final String[] TICKET_TYPES = {"Question", "Incident", "Problem", "Feature Request", "Refund"};
    static final String[] ROLE_NAMES = {"Account Administrator", "Administrator", "Agent"};
    static final String[] ROLE_DUTIES = {"manage the account, its billing and every setting",
            "configure the helpdesk and manage agents", "answer and resolve tickets"};
    static final String[] GROUP_NAMES = {"Billing", "Escalations", "Product Support", "Onboarding", "Tier 2 — Technik"};
    static final String[] INDUSTRIES = {"Retail", "Software", "Logistics", "Healthcare", "Education", null};

    private Texts() {
    }

    static String[] personName(Random random) {
        String[] first = pick(random, FIRST_NAMES);
        String[] last = pick(random, LAST_NAMES);
        return new String[]{first[0] + " " + last[0], first[1] + "." + last[1]};
    }

    static String companyName(Random random) {
        return pick(random, COMPANY_WORDS) + " " + pick(random, COMPANY_SUFFIXES);
    }

    static String domainFor(String companyName, long id) {
        String ascii = companyName.toLowerCase().replaceAll("[^a-z]", "");
        return (ascii.isEmpty() ? "company" : ascii) + (id % 1000) + ".example.com";
    }

    static String subject(Random random) {
        String template = pick(random, SUBJECTS);
        return template.contains("%d")
                ? String.format(template, 10_000 + random.nextInt(90_000))
                : template.replace("%%", "%");
    }

    /** Plain text of 1 to 4 paragraphs; about one description in ten is long (roughly 3 to 9 KB). */
    static String description(Random random) {
        boolean isLong = random.nextInt(10) == 0;
        int paragraphs = isLong ? 12 + random.nextInt(25) : 1 + random.nextInt(4);
        StringBuilder text = new StringBuilder();
        for (int p = 0; p < paragraphs; p++) {
            if (p > 0) {
                text.append("\n\n");
            }
            int sentences = 2 + random.nextInt(4);
            for (int s = 0; s < sentences; s++) {
                if (s > 0) {
                    text.append(' ');
                }
                text.append(pick(random, SENTENCES));
            }
        }
        return text.toString();
    }

    /** The HTML Freshdesk stores next to the plain text. */
    static String html(String text) {
        StringBuilder html = new StringBuilder("<div>");
        for (String paragraph : text.split("\n\n")) {
            html.append("<p>")
                    .append(paragraph.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
                    .append("</p>");
        }
        return html.append("</div>").toString();
    }

    static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
