-- hie-bios-load FILE: load the project of FILE as haskell-language-server's
-- session loader does, with the real hie-bios library: find hie.yaml from the
-- current directory, ask its cradle for FILE's options (for a bios cradle: run
-- the program as hie-bios runs it), set the GHC session up from them (several
-- home units when they hold `-unit @FILE`) and load every target of every unit
-- (-fno-code). These are the calls `hie-bios check FILE` makes, without its
-- last step: check's withLogger calls setSessionDynFlags, which GHC >= 9.4
-- refuses (a panic) once the session has more than one home unit.
-- Prints "hie-bios-load: Succeeded: N modules, U home units" (exit 0) or
-- "hie-bios-load: Failed ..." (exit 1) after GHC's messages.
module Main (main) where

import qualified Colog.Core as L
import Control.Monad.IO.Class (liftIO)
import qualified GHC as G
import HIE.Bios
import HIE.Bios.Environment (extractUnits, getRuntimeGhcLibDir)
import HIE.Bios.Ghc.Api (initializeFlagsWithCradle)
import System.Directory (getCurrentDirectory, makeAbsolute)
import System.Environment (getArgs)
import System.Exit (exitWith, ExitCode (..))
import System.FilePath ((</>))
import System.IO (hPutStrLn, stderr)

main :: IO ()
main = do
  args <- getArgs
  file <- case args of
    [f] -> makeAbsolute f
    _ -> die' "usage: hie-bios-load FILE"
  cwd <- getCurrentDirectory
  yaml <- maybe (die' "no hie.yaml here or above") pure =<< findCradle (cwd </> "File.hs")
  cradle <- loadCradle (L.LogAction (const (pure ()))) yaml
  libdir <- getRuntimeGhcLibDir cradle >>= orDie "ghc --print-libdir"
  flag <- G.runGhc (Just libdir) $ do
    res <- initializeFlagsWithCradle file cradle
    (load, opts) <- liftIO (orDie "the cradle" res)
    ok <- load
    graph <- G.getModuleGraph
    let units = length (fst (extractUnits (componentOptions opts)))
        modules = length (G.mgModSummaries graph)
    pure (ok, units, modules)
  case flag of
    (G.Succeeded, units, modules) ->
      putStrLn ("hie-bios-load: Succeeded: " ++ show modules ++ " modules, " ++ show units ++ " home units")
    (G.Failed, units, modules) -> do
      putStrLn ("hie-bios-load: Failed: " ++ show modules ++ " modules, " ++ show units ++ " home units")
      exitWith (ExitFailure 1)
  where
    orDie what r = case r of
      CradleSuccess x -> pure x
      CradleFail e -> die' (what ++ " failed: " ++ unlines (cradleErrorStderr e))
      CradleNone -> die' (what ++ ": none cradle")

die' :: String -> IO a
die' msg = hPutStrLn stderr ("hie-bios-load: " ++ msg) >> exitWith (ExitFailure 2)
