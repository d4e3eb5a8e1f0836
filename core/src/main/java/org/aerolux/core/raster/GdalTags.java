package org.aerolux.core.raster;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * GDAL's private TIFF tags: GDAL_METADATA (42112, an XML document that carries band descriptions) and GDAL_NODATA
 * (42113, one nodata value as text for all bands). Formats as GDAL writes them and reads what GDAL writes; as
 * GDAL does, item values are XML-escaped twice (a description "a &amp; b" is stored as {@code a &amp;amp; b}).
 */
final class GdalTags {
    private GdalTags() {}

    /** The GDAL_METADATA XML for band descriptions, or null when every description is empty. */
    static String descriptionsXml(List<String> descriptions) {
        if (descriptions.stream().allMatch(String::isEmpty)) return null;
        StringBuilder sb = new StringBuilder("<GDALMetadata>\n");
        for (int i = 0; i < descriptions.size(); i++) {
            String d = descriptions.get(i);
            if (d.isEmpty()) continue;
            sb.append("  <Item name=\"DESCRIPTION\" sample=\"").append(i).append("\" role=\"description\">")
                    .append(escape(escape(d))).append("</Item>\n");
        }
        return sb.append("</GDALMetadata>").toString();
    }

    /**
     * Band descriptions from a GDAL_METADATA document: one entry per band, empty where none. A document that does
     * not parse gives no descriptions (GDAL also only warns about it).
     */
    static List<String> parseDescriptions(String xml, int bands) {
        List<String> out = new ArrayList<>(Collections.nCopies(bands, ""));
        if (xml == null || xml.isBlank()) return out;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            var doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
            NodeList items = doc.getElementsByTagName("Item");
            for (int i = 0; i < items.getLength(); i++) {
                Element item = (Element) items.item(i);
                if (!"description".equalsIgnoreCase(item.getAttribute("role"))) continue;
                String sample = item.getAttribute("sample");
                if (sample.isEmpty()) continue;
                int band = Integer.parseInt(sample.trim());
                if (band >= 0 && band < bands) out.set(band, unescape(item.getTextContent()));
            }
        } catch (Exception e) {
            return new ArrayList<>(Collections.nCopies(bands, ""));
        }
        return out;
    }

    /** GDAL_NODATA text of a value: "nan", "inf", "-inf", an integer without decimals, or a round-trip decimal. */
    static String formatNodata(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }

    /** The value of a GDAL_NODATA text; empty when absent or not a number. */
    static OptionalDouble parseNodata(String s) {
        if (s == null) return OptionalDouble.empty();
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) return OptionalDouble.empty();
        switch (t) {
            case "nan", "-nan", "+nan" -> { return OptionalDouble.of(Double.NaN); }
            case "inf", "+inf", "infinity" -> { return OptionalDouble.of(Double.POSITIVE_INFINITY); }
            case "-inf", "-infinity" -> { return OptionalDouble.of(Double.NEGATIVE_INFINITY); }
            default -> { }
        }
        try {
            return OptionalDouble.of(Double.parseDouble(t));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** The second level of GDAL's escaping of item values (it escapes them once more than XML needs). */
    private static String unescape(String s) {
        if (s.indexOf('&') < 0) return s;
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                default -> { if (c >= 0x20 || c == '\t') sb.append(c); }
            }
        }
        return sb.toString();
    }
}
