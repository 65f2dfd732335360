package org.dicomseg.plugins;

import java.awt.GraphicsEnvironment;

import ij.IJ;

import org.dicomseg.ij.ServerRegistry;
import org.dicomseg.ij.ui.CommandErrors;
import org.dicomseg.ij.ui.CommandForm;
import org.dicomseg.ij.ui.FormField;
import org.dicomseg.ij.ui.SecretPrompt;
import org.dicomseg.options.MacroKeys;

import ij.plugin.PlugIn;

/**
 * Plugins &gt; DICOM SEG &gt; Servers...: keeps named servers (a DICOMweb base URL, or
 * {@code dicom://AET@host:port} for C-STORE) in ImageJ's preferences, for DICOM SEG from Server...
 * and the export dialogs' {@code store=} field. A password or token is asked in a masked dialog the
 * recorder never sees and kept for this session only, unless {@code remember} is ticked; macros take
 * it from {@code DICOMSEG_PASSWORD} / {@code DICOMSEG_TOKEN}. Macro:
 * {@code run("Servers...", "action=add name=orthanc url=[http://localhost:8042/dicom-web] auth=password user=dicomseg");}
 */
public class ServersCommand implements PlugIn {
    /** Dialog and error title. */
    public static final String TITLE = "DICOM SEG Servers";
    static final String[] ACTIONS = {"add", "remove", "list"};

    static CommandForm form() {
        String known = ServerRegistry.names().isEmpty() ? "none yet" : String.join(", ", ServerRegistry.names());
        return new CommandForm(TITLE + "...")
                .add(FormField.message("Servers: " + known))
                .add(FormField.choice(MacroKeys.ACTION, "Action", ACTIONS, "add"))
                .add(FormField.string(MacroKeys.NAME, "Name", "", 16))
                .add(FormField.string(MacroKeys.URL, "URL (DICOMweb base, or dicom://AET@host:port)", "", 40))
                .add(FormField.choice(MacroKeys.AUTH, "Auth", ServerRegistry.Auth.keys(), "none"))
                .add(FormField.string(MacroKeys.USER, "User (auth=password)", "", 16))
                .add(FormField.string(MacroKeys.CALLING_AET, "Calling_AET (dicom:// servers)", "DICOMSEG", 16))
                .add(FormField.checkbox(MacroKeys.REMEMBER, "Remember the password/token in ImageJ's preferences", false));
    }

    @Override
    public void run(String arg) {
        CommandErrors.run(TITLE, () -> {
            CommandForm form = form();
            if (!form.show()) return;
            String action = form.string(MacroKeys.ACTION);
            String name = form.string(MacroKeys.NAME);
            switch (action) {
                case "list":
                    for (String n : ServerRegistry.names()) say(ServerRegistry.get(n).toString());
                    if (ServerRegistry.names().isEmpty()) say("no servers");
                    return;
                case "remove":
                    ServerRegistry.remove(name);
                    say("removed server " + name);
                    return;
                default:
                    ServerRegistry.Server s = new ServerRegistry.Server(name, form.string(MacroKeys.URL), form.string(MacroKeys.USER),
                            ServerRegistry.Auth.parse(form.string(MacroKeys.AUTH)), form.string(MacroKeys.CALLING_AET));
                    String secret = null;
                    if (s.auth() != ServerRegistry.Auth.NONE) {
                        secret = SecretPrompt.ask(TITLE, (s.auth() == ServerRegistry.Auth.TOKEN ? "Token" : "Password of " + s.user())
                                + " for " + s.name() + (form.flag(MacroKeys.REMEMBER) ? "" : " (kept for this session only)"));
                    }
                    ServerRegistry.put(s, secret, form.flag(MacroKeys.REMEMBER));
                    say("server " + s + (s.auth() != ServerRegistry.Auth.NONE && !ServerRegistry.hasSecret(s.name())
                            ? "; secret from DICOMSEG_" + (s.auth() == ServerRegistry.Auth.TOKEN ? "TOKEN" : "PASSWORD") : ""));
            }
        });
    }

    private static void say(String line) {
        if (GraphicsEnvironment.isHeadless()) System.out.println("DICOM SEG Servers: " + line);
        else IJ.log("DICOM SEG Servers: " + line);
    }
}
