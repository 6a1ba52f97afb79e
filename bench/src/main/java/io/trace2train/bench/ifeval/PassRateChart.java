package io.trace2train.bench.ifeval;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Draws the IFEval benchmark's figure as a self-contained SVG: (a) the strict prompt-level pass rate per mode with
 * its confidence interval, (b) the pass rate per instruction category, one bar per mode. Plain SVG text, so it needs
 * no fonts or graphics libraries and opens in any browser or image viewer.
 */
public final class PassRateChart {

    // Okabe-Ito: told apart with the common colour-vision deficiencies; yellow last, being faint on white
    private static final List<String> PALETTE =
            List.of("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000");
    private static final String FONT = "DejaVu Sans, Helvetica, Arial, sans-serif";
    private static final double LEFT = 64;
    private static final double RIGHT = 24;
    private static final double PLOT_HEIGHT = 240;
    private static final double MIN_PLOT_WIDTH = 640;
    private static final double MODE_SLOT = 120;
    private static final double CATEGORY_BAR = 22;
    private static final double MIN_GROUP = 104;
    private static final double LABEL_LINE = 16;

    private PassRateChart() {
    }

    /** Writes {@link #svg} to {@code file}, whole or not at all. */
    public static void write(Path file, String title, String subtitle, List<ModeBar> modes) throws IOException {
        String svg = svg(title, subtitle, modes);
        AtomicFiles.write(file, writer -> writer.write(svg));
    }

    /**
     * The chart for {@code modes}, in the order given. {@code subtitle} may be empty (no line is drawn); the category
     * panel is left out when no mode has categories. Categories are sorted by name, as in IFEval's reports.
     */
    public static String svg(String title, String subtitle, List<ModeBar> modes) {
        requireNonNull(title, "title");
        requireNonNull(subtitle, "subtitle");
        modes = List.copyOf(modes);
        if (modes.isEmpty()) {
            throw new IllegalArgumentException("need at least one mode to draw");
        }
        TreeSet<String> categorySet = new TreeSet<>();
        modes.forEach(m -> categorySet.addAll(m.byCategory().keySet()));
        List<String> categories = List.copyOf(categorySet);

        double groupWidth = Math.max(MIN_GROUP, modes.size() * CATEGORY_BAR + 28);
        double plotWidth = Math.max(MIN_PLOT_WIDTH, Math.max(modes.size() * MODE_SLOT, categories.size() * groupWidth));
        Canvas canvas = new Canvas(plotWidth);
        double y = canvas.titles(title, subtitle);
        y = canvas.modePanel(y, modes);
        if (!categories.isEmpty()) {
            y = canvas.categoryPanel(y, modes, categories);
        }
        return canvas.finish(LEFT + plotWidth + RIGHT, y + 8);
    }

    /** The SVG body, drawn top to bottom; each panel returns the height it reached. */
    private static final class Canvas {

        private final StringBuilder body = new StringBuilder();
        private final double plotWidth;
        private String title = "";

        Canvas(double plotWidth) {
            this.plotWidth = plotWidth;
        }

        double titles(String title, String subtitle) {
            this.title = title;
            text(LEFT, 32, "start", 20, "#111", true, title);
            if (subtitle.isEmpty()) {
                return 48;
            }
            text(LEFT, 54, "start", 13, "#555", false, subtitle);
            return 70;
        }

        double modePanel(double top, List<ModeBar> modes) {
            heading(top, "(a) Strict prompt-level pass rate by mode, with confidence intervals");
            double plotTop = top + 58;  // room above 100% for a value label over a full-height error bar
            double plotBottom = plotTop + PLOT_HEIGHT;
            axes(plotTop, plotBottom);
            double slot = plotWidth / modes.size();
            double barWidth = Math.min(64, slot * 0.55);
            int labelLines = 0;
            body.append("<g class=\"by-mode\">\n");
            for (int i = 0; i < modes.size(); i++) {
                ModeBar mode = modes.get(i);
                double centre = LEFT + slot * (i + 0.5);
                String tip = mode.mode() + ": " + Svg.percent(mode.rate()) + " (CI " + Svg.percent(mode.interval().low())
                        + " to " + Svg.percent(mode.interval().high()) + ")";
                bar("mode-bar", mode.mode(), null, centre - barWidth / 2, barWidth, mode.rate(), plotTop, colour(i), tip);
                double low = yOf(mode.interval().low(), plotTop);
                double high = yOf(mode.interval().high(), plotTop);
                line(centre, low, centre, high, "#222", 1.5);
                line(centre - 7, low, centre + 7, low, "#222", 1.5);
                line(centre - 7, high, centre + 7, high, "#222", 1.5);
                double labelY = Math.min(high, yOf(mode.rate(), plotTop)) - 7;
                text(centre, labelY, "middle", 13, "#111", true, Svg.percent(mode.rate()));
                List<String> lines = wrap(mode.mode(), slot - 8, 13);
                for (int j = 0; j < lines.size(); j++) {
                    text(centre, plotBottom + 20 + LABEL_LINE * j, "middle", 13, "#111", false, lines.get(j));
                }
                labelLines = Math.max(labelLines, lines.size());
            }
            // the intervals as figures, on one row below the names so a reader can quote them
            for (int i = 0; i < modes.size(); i++) {
                Interval ci = modes.get(i).interval();
                text(LEFT + slot * (i + 0.5), plotBottom + 20 + LABEL_LINE * labelLines, "middle", 11, "#555", false,
                        "CI " + Svg.percent(ci.low()) + "\u2013" + Svg.percent(ci.high()));
            }
            body.append("</g>\n");
            return plotBottom + 20 + LABEL_LINE * (labelLines + 1) + 20;
        }

        double categoryPanel(double top, List<ModeBar> modes, List<String> categories) {
            heading(top, "(b) Strict pass rate by instruction category");
            double legendBottom = legend(top + 30, modes);
            double plotTop = legendBottom + 26;  // room for a value over a full bar
            double plotBottom = plotTop + PLOT_HEIGHT;
            axes(plotTop, plotBottom);
            double group = plotWidth / categories.size();
            double barWidth = CATEGORY_BAR - 4;
            int labelLines = 0;
            body.append("<g class=\"by-category\">\n");
            for (int g = 0; g < categories.size(); g++) {
                String category = categories.get(g);
                double groupLeft = LEFT + group * g + (group - modes.size() * CATEGORY_BAR) / 2;
                for (int i = 0; i < modes.size(); i++) {
                    Double rate = modes.get(i).byCategory().get(category);
                    if (rate != null) {
                        String mode = modes.get(i).mode();
                        double x = groupLeft + CATEGORY_BAR * i + 2;
                        bar("category-bar", mode, category, x, barWidth, rate, plotTop, colour(i),
                                category + ", " + mode + ": " + Svg.percent(rate));
                        // whole percents: three digits fit over a bar this narrow
                        text(x + barWidth / 2, yOf(rate, plotTop) - 4, "middle", 10, "#333", false,
                                Math.round(rate * 100) + "");
                    }
                }
                List<String> lines = wrap(category, group - 6, 12);
                for (int j = 0; j < lines.size(); j++) {
                    text(LEFT + group * (g + 0.5), plotBottom + 18 + LABEL_LINE * j, "middle", 12, "#111", false,
                            lines.get(j));
                }
                labelLines = Math.max(labelLines, lines.size());
            }
            body.append("</g>\n");
            return plotBottom + 18 + LABEL_LINE * labelLines + 8;
        }

        /** A row of swatches that wraps to a new row when the plot is full; returns the bottom of the last row. */
        private double legend(double top, List<ModeBar> modes) {
            body.append("<g class=\"legend\">\n");
            double x = LEFT;
            double y = top;
            for (int i = 0; i < modes.size(); i++) {
                String name = modes.get(i).mode();
                double itemWidth = 14 + 6 + Svg.textWidth(name, 12) + 20;
                if (x > LEFT && x + itemWidth > LEFT + plotWidth) {
                    x = LEFT;
                    y += 20;
                }
                body.append("<rect x=\"").append(Svg.number(x)).append("\" y=\"").append(Svg.number(y))
                        .append("\" width=\"14\" height=\"14\" fill=\"").append(colour(i)).append("\"/>\n");
                text(x + 20, y + 11.5, "start", 12, "#111", false, name);
                x += itemWidth;
            }
            body.append("</g>\n");
            return y + 14;
        }

        private void heading(double top, String heading) {
            text(LEFT, top + 18, "start", 15, "#111", true, heading);
        }

        /** Grid lines every 10% (labelled every 20%) and the baseline. */
        private void axes(double plotTop, double plotBottom) {
            body.append("<g class=\"axes\">\n");
            for (int percent = 0; percent <= 100; percent += 10) {
                double y = yOf(percent / 100.0, plotTop);
                line(LEFT, y, LEFT + plotWidth, y, percent == 0 ? "#444" : "#e3e3e3", 1);
                if (percent % 20 == 0) {
                    text(LEFT - 8, y + 4, "end", 12, "#444", false, percent + "%");
                }
            }
            line(LEFT, plotTop, LEFT, plotBottom, "#444", 1);
            body.append("</g>\n");
        }

        private void bar(String kind, String mode, String category, double x, double width, double rate,
                double plotTop, String colour, String tip) {
            double top = yOf(rate, plotTop);
            body.append("<rect class=\"").append(kind).append("\" data-mode=\"").append(Svg.escape(mode)).append('"');
            if (category != null) {
                body.append(" data-category=\"").append(Svg.escape(category)).append('"');
            }
            body.append(" x=\"").append(Svg.number(x)).append("\" y=\"").append(Svg.number(top))
                    .append("\" width=\"").append(Svg.number(width)).append("\" height=\"")
                    .append(Svg.number(plotTop + PLOT_HEIGHT - top)).append("\" fill=\"").append(colour)
                    .append("\"><title>").append(Svg.escape(tip)).append("</title></rect>\n");
        }

        private void line(double x1, double y1, double x2, double y2, String stroke, double width) {
            body.append("<line x1=\"").append(Svg.number(x1)).append("\" y1=\"").append(Svg.number(y1))
                    .append("\" x2=\"").append(Svg.number(x2)).append("\" y2=\"").append(Svg.number(y2))
                    .append("\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(width).append("\"/>\n");
        }

        private void text(double x, double y, String anchor, double size, String fill, boolean bold, String text) {
            body.append("<text x=\"").append(Svg.number(x)).append("\" y=\"").append(Svg.number(y))
                    .append("\" text-anchor=\"").append(anchor).append("\" font-size=\"").append(size)
                    .append("\" fill=\"").append(fill).append('"').append(bold ? " font-weight=\"bold\"" : "")
                    .append('>').append(Svg.escape(text)).append("</text>\n");
        }

        private static double yOf(double rate, double plotTop) {
            return plotTop + PLOT_HEIGHT * (1 - rate);
        }

        String finish(double width, double height) {
            String w = Svg.number(width);
            String h = Svg.number(height);
            return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"" + h
                    + "\" viewBox=\"0 0 " + w + " " + h + "\" font-family=\"" + FONT + "\">\n"
                    + "<title>" + Svg.escape(title) + "</title>\n"
                    + "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
                    + body
                    + "</svg>\n";
        }
    }

    private static String colour(int index) {
        return PALETTE.get(index % PALETTE.size());
    }

    /** Breaks a label after '_', ':' or a space so each line fits {@code width}; a part too long alone stays whole. */
    static List<String> wrap(String label, double width, double fontSize) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String part : label.split("(?<=[_: ])")) {
            if (!line.isEmpty() && Svg.textWidth(line + part, fontSize) > width) {
                lines.add(line.toString().strip());
                line.setLength(0);
            }
            line.append(part);
        }
        lines.add(line.toString().strip());
        return lines;
    }
}
