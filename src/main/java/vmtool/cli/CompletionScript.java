package vmtool.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The bash completion script ({@code vmtool generate-completion}; zsh runs it through bashcompinit), written from
 * the {@link CommandDef}s: each command's options, what each option's argument and each operand completes to
 * ({@link Completion}). The shell code that reads those tables is fixed text below.
 *
 * <p>picocli's own generator cannot complete PIDs (its candidates are fixed when the script is written), and its
 * script turns bash's file name completion off for every option argument; so vmtool writes its own.
 */
final class CompletionScript {
    private CompletionScript() {
    }

    /** The words {@code vmtool} takes before a command: its own options. */
    private static final String ROOT_FLAGS = "-h --help -V --version";

    /** The whole script for these commands (and picocli's {@code help} and {@code generate-completion}). */
    static String bash(List<CommandDef> commands) {
        List<String> names = new ArrayList<>();
        StringBuilder cases = new StringBuilder();
        for (CommandDef def : commands) {
            names.add(def.name());
            cases.append(spec(def));
        }
        names.add("help");
        names.add("generate-completion");
        cases.append(spec("help", "-h --help", "", "commands"));
        cases.append(spec("generate-completion", ROOT_FLAGS, "", ""));
        return HEAD + "_vmtool_commands='" + String.join(" ", names) + "'\n\n" + SPEC_HEAD
                + spec("''", ROOT_FLAGS, "", "commands") + cases + SPEC_TAIL + LOGIC;
    }

    private static String spec(CommandDef def) {
        List<String> flags = new ArrayList<>();
        List<String> arguments = new ArrayList<>();
        for (Getopt.Option option : def.options()) {
            if (option.hidden()) {
                continue;
            }
            for (String name : option.names()) {
                if (option.takesArgument()) {
                    arguments.add(name + "=" + what(option.completion()));
                } else {
                    flags.add(name);
                }
            }
        }
        List<String> operands = new ArrayList<>();
        for (CommandDef.Operand operand : def.operands()) {
            operands.add(what(operand.completion()) + (operand.arity().contains("*") ? "..." : ""));
        }
        return spec(def.name(), String.join(" ", flags), String.join(" ", arguments), String.join(" ", operands));
    }

    private static String spec(String name, String flags, String arguments, String operands) {
        return "        " + name + ")\n"
                + "            flags='" + flags + "'\n"
                + "            arguments='" + arguments + "'\n"
                + "            operands='" + operands + "' ;;\n";
    }

    /** How the script's tables name a completion: files, pids, users, nothing, or words:A,B,C. */
    private static String what(Completion completion) {
        return switch (completion.kind()) {
            case NOTHING -> "nothing";
            case FILES -> "files";
            case PIDS -> "pids";
            case USERS -> "users";
            case WORDS -> "words:" + String.join(",", completion.words());
        };
    }

    private static final String HEAD = """
            # bash completion for vmtool: its commands, their options, file names for the options that take a file,
            # the values of --mode and the like, the PIDs of live processes for PIDs (with their command names when
            # bash lists them), users' names for --user. Written by 'vmtool generate-completion' from vmtool's own
            # command definitions. zsh runs it through bashcompinit (docs/install.md).

            if [ -n "${ZSH_VERSION-}" ] && ! whence complete >/dev/null 2>&1; then
                autoload -U +X bashcompinit && bashcompinit
            fi

            """;

    private static final String SPEC_HEAD = """
            # _vmtool_spec COMMAND sets what COMMAND takes: flags (its options without an argument), arguments
            # (NAME=WHAT for each name of each option with an argument) and operands (WHAT for each operand in
            # order; a last one ending in ... repeats). WHAT is files, pids, users, words:A,B,C, commands or nothing.
            # COMMAND '' is vmtool itself. Returns 1 for a word that is not a command.
            _vmtool_spec() {
                case $1 in
            """;

    private static final String SPEC_TAIL = """
                    *) return 1 ;;
                esac
            }

            """;

    private static final String LOGIC = """
            # _vmtool_takes WORD sets what to the WHAT of the argument that the option WORD takes as the next word,
            # or to nothing at all when it takes none that way (a flag, --name=VALUE, -AVALUE).
            _vmtool_takes() {
                local word=$1 entry j
                what=
                if [[ $word == --* ]]; then
                    [[ $word == *=* ]] && return 0
                    for entry in $arguments; do
                        if [[ ${entry%%=*} == "$word" ]]; then what=${entry#*=}; return 0; fi
                    done
                    return 0
                fi
                # A cluster of short options (-xq, -C FILE, -CFILE): the first letter with an argument takes the
                # rest of the word, or the next word if it is the last letter.
                for ((j = 1; j < ${#word}; j++)); do
                    for entry in $arguments; do
                        if [[ ${entry%%=*} == "-${word:j:1}" ]]; then
                            ((j == ${#word} - 1)) && what=${entry#*=}
                            return 0
                        fi
                    done
                done
            }

            # _vmtool_pids CURRENT: the PIDs that begin with CURRENT. On the Tab that lists them (COMP_TYPE ? ! or @),
            # each shows its command name too; two PIDs differ within their digits, so what Tab inserts is the
            # same. The name is the process's own text: anything not printable shows as '?'.
            _vmtool_pids() {
                local dir pid comm i
                local -a pids=()
                for dir in /proc/[0-9]*; do
                    pid=${dir#/proc/}
                    [[ $pid == "$1"* ]] && pids+=("$pid")
                done
                if ((${#pids[@]} > 1)) && [[ ${COMP_TYPE-} == 63 || ${COMP_TYPE-} == 33 || ${COMP_TYPE-} == 64 ]]; then
                    for i in "${!pids[@]}"; do
                        comm=
                        read -r comm 2>/dev/null <"/proc/${pids[i]}/comm"
                        pids[i]="${pids[i]} (${comm//[^[:print:]]/?})"
                    done
                fi
                COMPREPLY=("${pids[@]}")
            }

            # _vmtool_offer WHAT CURRENT PREFIX: the completions of CURRENT; PREFIX goes before each word.
            _vmtool_offer() {
                case $1 in
                    files)
                        if type compopt >/dev/null 2>&1; then
                            compopt -o default   # bash: readline's own file name completion
                            COMPREPLY=()
                        else
                            local IFS=$'\\n'
                            COMPREPLY=($(compgen -f -- "$2"))
                        fi ;;
                    pids) _vmtool_pids "$2" ;;
                    users) COMPREPLY=($(compgen -u -- "$2")) ;;
                    words:*)
                        local words=${1#words:}
                        COMPREPLY=($(compgen -P "$3" -W "${words//,/ }" -- "$2")) ;;
                    commands) COMPREPLY=($(compgen -W "$_vmtool_commands" -- "$2")) ;;
                    *) COMPREPLY=() ;;
                esac
            }

            _vmtool() {
                local cur=${COMP_WORDS[COMP_CWORD]} command= expects= what word entry i count=0
                local options_ended=false file_given=false flags arguments operands
                local -a kinds
                COMPREPLY=()
                _vmtool_spec ''
                for ((i = 1; i < COMP_CWORD; i++)); do
                    word=${COMP_WORDS[i]}
                    if [[ -n $expects ]]; then
                        # bash splits --name=VALUE into three words: --name, = and VALUE.
                        [[ $word == = ]] || expects=
                        continue
                    fi
                    if ! $options_ended && [[ $word == -?* ]]; then
                        if [[ $word == -- ]]; then
                            options_ended=true
                        else
                            _vmtool_takes "$word"
                            expects=$what
                        fi
                        [[ $word == --file || $word == --file=* ]] && file_given=true
                    elif [[ -z $command ]]; then
                        command=$word
                        _vmtool_spec "$command" || return 0
                    else
                        ((count++))
                    fi
                done

                if [[ -n $expects ]]; then
                    # --name=<Tab>: bash made the '=' a word of its own, which the completion replaces.
                    if [[ $cur == = ]]; then _vmtool_offer "$expects" '' '='; else _vmtool_offer "$expects" "$cur" ''; fi
                    return 0
                fi
                if ! $options_ended && [[ $cur == -* ]]; then
                    local names=$flags
                    for entry in $arguments; do names+=" ${entry%%=*}"; done
                    COMPREPLY=($(compgen -W "$names" -- "$cur"))
                    return 0
                fi
                # An operand. --file stands for the process: no PID operand then.
                for entry in $operands; do
                    $file_given && [[ $entry == pids* ]] || kinds+=("$entry")
                done
                if ((count < ${#kinds[@]})); then
                    entry=${kinds[count]}
                elif ((${#kinds[@]} > 0)) && [[ ${kinds[${#kinds[@]} - 1]} == *... ]]; then
                    entry=${kinds[${#kinds[@]} - 1]}
                else
                    entry=nothing
                fi
                _vmtool_offer "${entry%...}" "$cur" ''
                return 0
            }

            complete -F _vmtool vmtool
            """;
}
